package io.tracktion.api.entities;

import io.tracktion.api.params.InvalidParameterException;
import io.tracktion.api.params.Params;
import java.util.regex.Pattern;

/** The path's id of an artist, label or release: 16 characters of base 32 (see EntityIds). */
public final class EntityIdParam {

    private static final Pattern ID = Pattern.compile("[a-z2-7]{16}");

    private EntityIdParam() {
    }

    /** @param what for the message, e.g. "an artist id" */
    public static void check(String id, String what) {
        if (!ID.matcher(id).matches()) {
            throw InvalidParameterException.inPath("id", "must be " + what + ": 16 characters a-z and 2-7, not "
                    + Params.quoted(id));
        }
    }
}
