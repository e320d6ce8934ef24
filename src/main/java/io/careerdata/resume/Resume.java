package io.careerdata.resume;

import io.careerdata.owned.OwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A resume's identity and title; its text lives in {@link ResumeVersion}s, one per update. */
@Entity
@Table(name = "resumes")
public class Resume extends OwnedEntity {

    @Column(nullable = false)
    public String title;

    /** The newest version's number; versions count from 1. */
    @Column(name = "current_version", nullable = false)
    public int currentVersion;
}
