package io.careerdata.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A user's profile as clients send it, on create (admin) and update (the user or an admin).
 * {@code active} is only taken from an admin; absent means "leave as it is" (true on create).
 */
@RegisterForReflection
public record UserRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 200) String fullName,
        @Size(max = 300) String headline,
        @Size(max = 200) String location,
        @Size(max = 50) String phone,
        Boolean active,
        @Size(max = 100) Map<String, Object> preferences) {

    void applyTo(User user, boolean byAdmin) {
        user.email = email.trim();
        user.fullName = fullName.trim();
        user.headline = headline;
        user.location = location;
        user.phone = phone;
        if (byAdmin && active != null) {
            user.active = active;
        }
        user.preferences = preferences == null ? Map.of() : preferences;
    }
}
