package io.memtune.api.pool;

/** No object came free in time: the pool is too small for the load, or objects are not returned. */
public class PoolTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pool;

    public PoolTimeoutException(String pool, String message, Throwable cause) {
        super(message, cause);
        this.pool = pool;
    }

    public String pool() {
        return pool;
    }
}
