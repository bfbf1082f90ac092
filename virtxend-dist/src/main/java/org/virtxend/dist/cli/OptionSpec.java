package org.virtxend.dist.cli;

/**
 * One command-line option: how getopt_long knows it, and how {@code --help} and the man page
 * describe it. Both texts live here so that the two can never list different options.
 *
 * @param shortName the single-letter form, or {@code 0} if there is none
 * @param argument the value's placeholder in the docs ({@code secs}, {@code file}), or
 *        {@code null} for an option without a value
 * @param summary the one line {@code --help} prints
 * @param details the man page's paragraph, plain text (the page generator escapes it)
 */
record OptionSpec(String longName, char shortName, String argument, String summary, String details) {

    /** Whether a value is required ({@code -f FILE}, {@code --config=FILE}). */
    boolean takesArgument() {
        return argument != null;
    }

    boolean hasShortName() {
        return shortName != 0;
    }
}
