package io.careerdata.job;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

/** An open position, shared by all users; admins maintain them. */
@Entity
@Table(name = "job_postings")
public class JobPosting extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String company;

    public String location;

    /** Where the posting came from: a job board's name, "manual", ... */
    @Column(nullable = false)
    public String source;

    public String url;

    public String description;

    @Column(name = "salary_min")
    public BigDecimal salaryMin;

    @Column(name = "salary_max")
    public BigDecimal salaryMax;

    /** ISO 4217 code of the salary figures. */
    public String currency;

    @Column(name = "posted_date")
    public LocalDate postedDate;

    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
