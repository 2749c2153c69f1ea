package cnnc.cli;

import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints; the jar's manifest is read only when it is asked for. */
final class Version implements IVersionProvider {
    static final Version PROVIDER = new Version();

    private Version() {
    }

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"cnnc " + (version != null ? version : "(development build)")};
    }
}
