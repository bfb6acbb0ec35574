package io.khorosjdbc.driver.api;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Client-side limits shared by every connection of one tenant (API host, port and company key) in
 * this JVM: a request rate (token bucket: up to one second's worth of requests may burst) and a
 * number of export jobs running at once. The server's own limits are not documented, so these keep
 * a pool of connections from overrunning them and answer its 429s with fewer retries.
 *
 * <p>Each open client holds a {@link Lease} with the limits it was configured with; while several
 * are open, the strictest value of each limit applies. Requests to pre-signed storage URLs are not
 * API requests and are not counted.
 */
public final class TenantLimiter {

    private static final Map<String, TenantLimiter> TENANTS = new HashMap<>();

    private final String tenant;
    private final List<Lease> leases = new ArrayList<>();
    private double requestsPerSecond;
    private int maxJobs;
    private double tokens;
    private long refilledAt = System.nanoTime();
    private int runningJobs;

    private TenantLimiter(String tenant) {
        this.tenant = tenant;
    }

    /**
     * Joins the tenant's limiter with this client's limits.
     *
     * @param tenant identifies the tenant; never printed
     * @param requestsPerSecond the most API requests per second (0: unlimited)
     * @param maxJobs the most export jobs running at once (0: unlimited)
     */
    public static Lease join(String tenant, double requestsPerSecond, int maxJobs) {
        synchronized (TENANTS) {
            TenantLimiter limiter = TENANTS.computeIfAbsent(tenant, TenantLimiter::new);
            Lease lease = new Lease(limiter, requestsPerSecond, maxJobs);
            synchronized (limiter) {
                limiter.leases.add(lease);
                limiter.recompute();
            }
            return lease;
        }
    }

    /** How many export jobs of this tenant hold a slot now (for tests and diagnostics). */
    public synchronized int runningJobs() {
        return runningJobs;
    }

    /** The limits in force: the strictest of all open leases. */
    private void recompute() {
        requestsPerSecond = 0;
        maxJobs = 0;
        for (Lease lease : leases) {
            requestsPerSecond = strictest(requestsPerSecond, lease.requestsPerSecond);
            maxJobs = (int) strictest(maxJobs, lease.maxJobs);
        }
        tokens = Math.min(tokens, burst());
        notifyAll();
    }

    private static double strictest(double current, double candidate) {
        if (candidate <= 0) {
            return current;
        }
        return current <= 0 ? candidate : Math.min(current, candidate);
    }

    private double burst() {
        return Math.max(1, requestsPerSecond);
    }

    /** Takes a token, returning how long the caller must wait for it (ms); 0 if unlimited. */
    private synchronized long reserveRequest() {
        if (requestsPerSecond <= 0) {
            return 0;
        }
        long now = System.nanoTime();
        tokens = Math.min(burst(), tokens + (now - refilledAt) / 1e9 * requestsPerSecond);
        refilledAt = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / requestsPerSecond * 1000);
    }

    /** Waits for the right to send one API request. */
    void acquireRequest(BooleanSupplier cancelled) throws InterruptedIOException {
        long wait = reserveRequest();
        if (wait > 0) {
            RetryPolicy.sleep(wait, cancelled);
        }
    }

    /**
     * Waits for a job slot; close the returned slot when the job no longer runs on the server.
     *
     * @throws InterruptedIOException "Canceled" when {@code cancelled} becomes true while waiting
     */
    public JobSlot acquireJob(BooleanSupplier cancelled) throws InterruptedIOException {
        synchronized (this) {
            while (maxJobs > 0 && runningJobs >= maxJobs) {
                if (cancelled.getAsBoolean()) {
                    throw new InterruptedIOException("Canceled");
                }
                try {
                    wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("Canceled");
                }
            }
            runningJobs++;
        }
        return new JobSlot(this);
    }

    private synchronized void releaseJob() {
        runningJobs--;
        notifyAll();
    }

    @Override
    public String toString() {
        return "TenantLimiter[requestsPerSecond=" + requestsPerSecond + ", maxJobs=" + maxJobs + "]";
    }

    /** One client's membership; {@link #close()} leaves, and the last to leave frees the limiter. */
    public static final class Lease implements AutoCloseable {
        private final TenantLimiter limiter;
        private final double requestsPerSecond;
        private final int maxJobs;
        private boolean closed;

        private Lease(TenantLimiter limiter, double requestsPerSecond, int maxJobs) {
            this.limiter = limiter;
            this.requestsPerSecond = requestsPerSecond;
            this.maxJobs = maxJobs;
        }

        public TenantLimiter limiter() {
            return limiter;
        }

        @Override
        public void close() {
            synchronized (TENANTS) {
                if (closed) {
                    return;
                }
                closed = true;
                synchronized (limiter) {
                    limiter.leases.remove(this);
                    limiter.recompute();
                    if (limiter.leases.isEmpty() && limiter.runningJobs == 0) {
                        TENANTS.remove(limiter.tenant, limiter);
                    }
                }
            }
        }
    }

    /** A running job's claim on one of the tenant's job slots. Idempotent close. */
    public static final class JobSlot implements AutoCloseable {
        private final TenantLimiter limiter;
        private boolean released;

        private JobSlot(TenantLimiter limiter) {
            this.limiter = limiter;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                limiter.releaseJob();
            }
        }
    }
}
