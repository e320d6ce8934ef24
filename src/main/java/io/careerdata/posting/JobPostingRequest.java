package io.careerdata.posting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

@RegisterForReflection
public record JobPostingRequest(
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 200) String company,
        @Size(max = 200) String location,
        @Size(max = 100) String source,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
        @Size(max = 100_000) String description,
        @DecimalMin("0") BigDecimal salaryMin,
        @DecimalMin("0") BigDecimal salaryMax,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
        LocalDate postedDate) {

    @JsonIgnore
    @AssertTrue(message = "salaryMin must not be greater than salaryMax")
    public boolean isSalaryRangeOrdered() {
        return salaryMin == null || salaryMax == null || salaryMin.compareTo(salaryMax) <= 0;
    }

    void applyTo(JobPosting posting) {
        posting.title = title.trim();
        posting.company = company.trim();
        posting.location = location;
        posting.source = source == null || source.isBlank() ? "manual" : source.trim();
        posting.url = url;
        posting.description = description;
        posting.salaryMin = salaryMin;
        posting.salaryMax = salaryMax;
        posting.currency = currency;
        posting.postedDate = postedDate;
    }
}
