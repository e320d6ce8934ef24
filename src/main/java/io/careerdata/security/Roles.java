package io.careerdata.security;

/** The roles a token carries in its {@code groups} claim. */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
