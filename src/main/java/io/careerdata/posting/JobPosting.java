package io.careerdata.posting;

import io.careerdata.common.TrackedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An open position, shared by all users; admins maintain them. */
@Entity
@Table(name = "job_postings")
public class JobPosting extends TrackedEntity {

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
}
