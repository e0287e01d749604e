package io.confirmloop.system;

import org.springframework.http.HttpStatus;

/** A failure the API reports as {@code {error, message}} with its status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private Long retryAfterSeconds;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " " + id + " does not exist");
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
    }

    /** Tells the caller how long to wait (429, 503): a {@code Retry-After} header. */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
