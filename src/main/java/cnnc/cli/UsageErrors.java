package cnnc.cli;

import cnnc.diag.DiagnosticRenderer;
import cnnc.diag.Suggestions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line as one line on standard error, {@code cnnc: } and the mistake, ending with where the
 * usage is ({@code ; see cnnc report --help}), and exit 2. picocli's own handler prints the whole usage after
 * the message, which buries the one line that matters under forty that do not.
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException mistake, String[] args) {
        CommandLine commandLine = mistake.getCommandLine();
        // picocli checks for missing parameters before it reports an unknown word: 'cnnc check -x' said the
        // file was missing, when the mistake is the option
        List<String> unknown = commandLine.getUnmatchedArguments();
        if (!(mistake instanceof UnmatchedArgumentException) && !unknown.isEmpty()) {
            mistake = new UnmatchedArgumentException(commandLine, unknown);
        }
        String message = mistake instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
                ? unmatched(unmatched, commandLine.getCommandSpec()) : sentence(mistake.getMessage());
        commandLine.getErr().println(line(message, commandLine.getCommandSpec().qualifiedName()));
        commandLine.getErr().flush();
        return ExitCode.USAGE;
    }

    /** The line a bad command line gets, for the command called {@code command} ({@code cnnc report}). */
    static String line(String message, String command) {
        return "cnnc: " + DiagnosticRenderer.printable(message) + "; see " + command + " --help";
    }

    /** An argument no option or parameter takes: an unknown option or command, with the closest known one. */
    private static String unmatched(UnmatchedArgumentException mistake, CommandSpec spec) {
        String argument = mistake.getUnmatched().get(0);
        if (mistake.isUnknownOption()) {
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            List<String> names = new ArrayList<>();
            for (OptionSpec option : spec.options()) {
                names.addAll(List.of(option.names()));
            }
            return "unknown option '" + name + "'" + guess(name, names);
        }
        if (!spec.subcommands().isEmpty()) {
            List<String> commands = new ArrayList<>(spec.subcommands().keySet());
            return "'" + argument + "' is not a command" + guess(argument, commands) + "; the commands are "
                    + String.join(", ", commands);
        }
        return "unexpected argument '" + argument + "'" + (mistake.getUnmatched().size() > 1
                ? " (and " + (mistake.getUnmatched().size() - 1) + " more)" : "");
    }

    static String guess(String word, List<String> known) {
        return Suggestions.closest(word, known).map(near -> " (did you mean '" + near + "'?)").orElse("");
    }

    /** picocli's messages start with a capital and end without a stop; cnnc's lines start in lowercase. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "bad command line";
        }
        boolean acronym = message.length() > 1 && Character.isUpperCase(message.charAt(1));
        return acronym ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
