package io.careerdata.jobdescription;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/** A job description a user saved or pasted, optionally linked to a posting. */
@Entity
@Table(name = "job_descriptions")
public class JobDescription extends OwnedEntity {

    @Column(name = "job_posting_id")
    public UUID jobPostingId;

    @Column(nullable = false)
    public String title;

    public String company;

    @Column(nullable = false)
    public String content;
}
