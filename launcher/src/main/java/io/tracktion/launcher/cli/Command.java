package io.tracktion.launcher.cli;

/** What the user asked for on the command line. */
public record Command(Kind kind, boolean simulate) {

    public enum Kind { UP, SCHEMAS_REGISTER, HELP }

    public static Command help() {
        return new Command(Kind.HELP, false);
    }

    public static Command schemasRegister() {
        return new Command(Kind.SCHEMAS_REGISTER, false);
    }

    public static Command up(boolean simulate) {
        return new Command(Kind.UP, simulate);
    }
}
