package io.careerdata.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The id of this process, written into the rows of the jobs it runs: the host name (the pod's name in
 * Kubernetes) and a random part drawn when the bean is made, at run time, so two processes on one
 * host, or a restart of the same pod, never share an id.
 */
@ApplicationScoped
public class InstanceId {

    /** PostgreSQL keeps application names up to 63 bytes. */
    private static final int MAX_APPLICATION_NAME = 63;
    private static final String LOCK_PREFIX = "cds-lock ";

    private final String value;

    InstanceId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String host = host();
        value = host.substring(0, Math.min(host.length(), 40)) + "-" + HexFormat.of().formatHex(random);
    }

    public String value() {
        return value;
    }

    /**
     * The application name a connection of {@code instance} sets while it holds a job's lock, so the
     * replica that finds the instance lost can end that session and with it the lock.
     */
    public static String lockHolderName(String instance) {
        String name = LOCK_PREFIX + instance;
        return name.length() <= MAX_APPLICATION_NAME ? name : name.substring(0, MAX_APPLICATION_NAME);
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
