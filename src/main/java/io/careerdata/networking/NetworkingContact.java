package io.careerdata.networking;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Someone in a user's professional network. Holds a third party's details: exports redact them. */
@Entity
@Table(name = "networking_contacts")
public class NetworkingContact extends OwnedEntity {

    @Column(nullable = false)
    public String name;

    public String email;

    public String company;

    public String position;

    public String relationship;

    public String notes;

    @Column(name = "last_contacted_at")
    public Instant lastContactedAt;
}
