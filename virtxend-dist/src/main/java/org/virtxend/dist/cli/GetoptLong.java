package org.virtxend.dist.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits arguments the way glibc's getopt_long does in its default (permuting) mode, with its
 * diagnostics: bundled short options ({@code -vd}), attached or separate values ({@code -fFILE},
 * {@code -f FILE}, {@code --config=FILE}, {@code --config FILE}), unambiguous abbreviations of
 * long names ({@code --verb}), {@code --} to end options, and operands collected for the caller.
 * A required value is taken from the next argument even if it starts with '-', as getopt does.
 */
final class GetoptLong {

    /** What the scanner found next. */
    sealed interface Token {
        record Option(OptionSpec spec, String value) implements Token {
        }

        /** A getopt diagnostic, already prefixed with the program name. */
        record Invalid(String message) implements Token {
        }

        /** All options are consumed; these arguments were not options. */
        record End(List<String> operands) implements Token {
        }
    }

    private final String program;
    private final List<OptionSpec> specs;
    private final List<String> args;
    private final List<String> operands = new ArrayList<>();
    private int index;
    private String pendingCluster; // rest of a "-abc" bundle still to scan
    private boolean ended;

    GetoptLong(String program, List<OptionSpec> specs, List<String> args) {
        this.program = program;
        this.specs = List.copyOf(specs);
        this.args = List.copyOf(args);
    }

    Token next() {
        if (pendingCluster != null) {
            return shortOption();
        }
        while (!ended && index < args.size()) {
            String arg = args.get(index++);
            if (arg.equals("--")) {
                operands.addAll(args.subList(index, args.size()));
                index = args.size();
            } else if (arg.startsWith("--")) {
                return longOption(arg.substring(2));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                pendingCluster = arg.substring(1);
                return shortOption();
            } else {
                operands.add(arg);
            }
        }
        ended = true;
        return new Token.End(List.copyOf(operands));
    }

    private Token longOption(String body) {
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        List<OptionSpec> matches = matching(name);
        if (matches.isEmpty()) {
            return invalid(": unrecognized option '--" + body + "'");
        }
        if (matches.size() > 1) {
            StringBuilder m = new StringBuilder(": option '--" + body + "' is ambiguous; possibilities:");
            matches.forEach(s -> m.append(" '--").append(s.longName()).append('\''));
            return invalid(m.toString());
        }
        OptionSpec spec = matches.getFirst();
        if (!spec.takesArgument()) {
            return eq < 0 ? new Token.Option(spec, null)
                    : invalid(": option '--" + spec.longName() + "' doesn't allow an argument");
        }
        if (eq >= 0) {
            return new Token.Option(spec, body.substring(eq + 1));
        }
        if (index < args.size()) {
            return new Token.Option(spec, args.get(index++));
        }
        return invalid(": option '--" + spec.longName() + "' requires an argument");
    }

    /** An exact name wins; otherwise every option the text abbreviates. */
    private List<OptionSpec> matching(String name) {
        List<OptionSpec> prefixed = new ArrayList<>();
        for (OptionSpec spec : specs) {
            if (spec.longName().equals(name)) {
                return List.of(spec);
            }
            if (!name.isEmpty() && spec.longName().startsWith(name)) {
                prefixed.add(spec);
            }
        }
        return prefixed;
    }

    private Token shortOption() {
        char c = pendingCluster.charAt(0);
        String rest = pendingCluster.substring(1);
        pendingCluster = rest.isEmpty() ? null : rest;
        OptionSpec spec = specs.stream().filter(s -> s.shortName() == c && c != 0).findFirst().orElse(null);
        if (spec == null) {
            return invalid(": invalid option -- '" + c + "'");
        }
        if (!spec.takesArgument()) {
            return new Token.Option(spec, null);
        }
        if (pendingCluster != null) {
            String value = pendingCluster;
            pendingCluster = null;
            return new Token.Option(spec, value);
        }
        if (index < args.size()) {
            return new Token.Option(spec, args.get(index++));
        }
        return invalid(": option requires an argument -- '" + c + "'");
    }

    private Token invalid(String rest) {
        return new Token.Invalid(program + rest);
    }
}
