package io.careerdata.common;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * {@code @NotBlank} on every request type means "shows at least one character": the built-in check
 * only trims ASCII white space, so a name of zero-width spaces or no-break spaces would pass it and
 * be stored as a value that looks empty. Replaces the built-in validator once, for every field.
 */
public class VisibleText implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value != null && !StorableValues.isBlank(value);
    }

    /** Puts {@link VisibleText} in the place of the built-in {@code @NotBlank} validator. */
    @ApplicationScoped
    public static class Registration implements ValidatorFactoryCustomizer {
        @Override
        public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
            ConstraintMapping mapping = configuration.createConstraintMapping();
            mapping.constraintDefinition(NotBlank.class).includeExistingValidators(false).validatedBy(VisibleText.class);
            configuration.addMapping(mapping);
        }
    }
}
