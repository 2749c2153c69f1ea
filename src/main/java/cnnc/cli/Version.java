package cnnc.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints; the jar's manifest is read only when it is asked for. */
final class Version implements IVersionProvider {
    static final Version PROVIDER = new Version();

    private Version() {
    }

    @Override
    public String[] getVersion() {
        return new String[] {text(Version.class.getPackage().getImplementationVersion())};
    }

    /** The line {@code --version} prints for a version, or for a build without one (null). */
    static String text(String version) {
        return "cnnc " + (version != null ? version : "(development build)");
    }
}
