package io.careerdata.networking;

import io.careerdata.owned.OwnedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

@RegisterForReflection
public record NetworkingContactRequest(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 320) String email,
        @Size(max = 200) String company,
        @Size(max = 200) String position,
        @Size(max = 100) String relationship,
        @Size(max = 10_000) String notes,
        Instant lastContactedAt) implements OwnedRequest<NetworkingContact> {

    @Override
    public void applyTo(NetworkingContact contact) {
        contact.name = name.trim();
        contact.email = email;
        contact.company = company;
        contact.position = position;
        contact.relationship = relationship;
        contact.notes = notes;
        contact.lastContactedAt = lastContactedAt;
    }
}
