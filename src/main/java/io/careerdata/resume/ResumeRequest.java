package io.careerdata.resume;

import io.careerdata.owned.OwnedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A resume's title and full text; every create or update stores the text as a new version. */
@RegisterForReflection
public record ResumeRequest(
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 200_000) String content) implements OwnedRequest<Resume> {

    @Override
    public void applyTo(Resume resume) {
        resume.title = title.trim();
        resume.currentVersion = resume.id == null ? 1 : resume.currentVersion + 1;
    }
}
