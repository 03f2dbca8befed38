package dev.basin.cli;

/** The user asked for something that cannot work (a missing file, a half-given endpoint set); exit 2. */
final class BadInputException extends RuntimeException {
    BadInputException(String message) {
        super(message);
    }
}
