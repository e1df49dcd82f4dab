package io.tracktion.alerts.problem;

import io.tracktion.problem.Problem;
import java.util.List;

/** A request the client got wrong, field by field: answered 400 with every field's problem. */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidRequestException(List<Problem.FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).detail()
                : errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(Problem.FieldError::field).toList()) + ".");
        this.errors = List.copyOf(errors);
    }

    public static InvalidRequestException of(String field, String detail) {
        return new InvalidRequestException(List.of(new Problem.FieldError(field, detail)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
