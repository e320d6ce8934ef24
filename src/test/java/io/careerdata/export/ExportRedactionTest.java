package io.careerdata.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The redaction rule, value by value. */
class ExportRedactionTest {

    private static final UUID SUBJECT = UUID.randomUUID();

    @Test
    void initials_keepOnlyTheFirstLetterOfEachName() {
        assertThat(Redaction.INITIALS.apply("  Jane Q.  Doe ", SUBJECT)).isEqualTo("J. Q. D.");
        assertThat(Redaction.INITIALS.apply("Émile Zola", SUBJECT)).isEqualTo("É. Z.");
    }

    @Test
    void contactDetails_replaceEmailsAndPhoneNumbersInText() {
        assertThat(Redaction.CONTACT_DETAILS.apply(
                "Met at PyCon 2023; mail jo@corp.example or (+44) 20 7946-0958, desk 12.", SUBJECT))
                .isEqualTo("Met at PyCon 2023; mail [redacted] or ([redacted], desk 12.");
        assertThat(Redaction.CONTACT_DETAILS.apply("Call 555 123 4567 today", SUBJECT))
                .isEqualTo("Call [redacted] today");
        assertThat(Redaction.CONTACT_DETAILS.apply("No details here, version 3.2.1", SUBJECT))
                .isEqualTo("No details here, version 3.2.1");
    }

    @Test
    void actor_isSelfOrOtherNeverAnotherId() {
        assertThat(Redaction.ACTOR.apply(SUBJECT.toString(), SUBJECT)).isEqualTo("self");
        assertThat(Redaction.ACTOR.apply(UUID.randomUUID().toString(), SUBJECT)).isEqualTo("other");
        assertThat(Redaction.WITHHELD.apply("jane@corp.example", SUBJECT)).isEqualTo(Redaction.MARK);
    }
}
