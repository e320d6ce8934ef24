package io.careerdata.resume;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiRedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mail jane.doe+cv@mail.example.co.uk now | Mail [EMAIL] now",
            "Two: a@b.io, c_d@e-f.org | Two: [EMAIL], [EMAIL]",
            "Site https://jane.dev/cv?x=1 here | Site [LINK] here",
            "Site http://example.org | Site [LINK]",
            "See www.janedoe.com for more | See [LINK] for more",
            "Profile linkedin.com/in/jane-doe and github.com/jdoe | Profile [LINK] and [LINK]",
            "Call +1 (555) 123-4567 | Call [PHONE]",
            "Call 555.123.4567 or +44 20 7946 0958 | Call [PHONE] or [PHONE]",
            "Mobile 0612345678. | Mobile [PHONE].",
    })
    void redact_contactDetails(String text, String expected) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Acme Corp 2019-2023",
            "Acme Corp 2015 - 2020, then 2020–2024",
            "Started 2021-03-15",
            "Cut latency by 40% for 1,200,000 users",
            "Node.js/TypeScript and CI/CD",
            "Version 1.2.3 of the Amazon.com checkout",
            "Jane Doe, Senior Engineer",
    })
    void redact_keepsWhatIsNotContactData(String text) {
        assertThat(PiiRedactor.redact(text)).isEqualTo(text);
    }
}
