package io.careerdata.user;

import io.careerdata.common.TrackedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person on the platform: profile fields and free-form preferences. */
@Entity
@Table(name = "users")
public class User extends TrackedEntity {

    @Column(nullable = false)
    public String email;

    @Column(name = "full_name", nullable = false)
    public String fullName;

    public String headline;

    public String location;

    public String phone;

    @Column(nullable = false)
    public boolean active = true;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> preferences = Map.of();

    @Column(name = "last_active_at")
    public Instant lastActiveAt;
}
