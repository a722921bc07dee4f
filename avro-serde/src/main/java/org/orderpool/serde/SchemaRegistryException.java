package org.orderpool.serde;

/**
 * A schema registry answered with an error, or could not be reached. Carries the HTTP status and the
 * Confluent error code (for example 40403 schema not found, 409 incompatible) when there was an answer.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: schema (or schema id) not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code and HTTP status for a schema that breaks the subject's compatibility rule. */
    public static final int INCOMPATIBLE_SCHEMA = 409;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(final String message, final int httpStatus, final int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(final String message, final Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    /** HTTP status of the registry's answer, or -1 when it could not be reached. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code of the answer, or -1 when there was none. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry said the subject, schema or id does not exist. */
    public boolean isNotFound() {
        return httpStatus == 404 || errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }

    /** True when the registry refused a schema as incompatible with the subject's earlier versions. */
    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == INCOMPATIBLE_SCHEMA;
    }
}
