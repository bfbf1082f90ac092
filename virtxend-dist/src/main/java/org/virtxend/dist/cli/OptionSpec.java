package org.virtxend.dist.cli;

/**
 * One command-line option as getopt_long knows it.
 *
 * @param shortName the single-letter form, or {@code 0} if there is none
 * @param takesArgument whether a value is required ({@code -f FILE}, {@code --config=FILE})
 */
record OptionSpec(String longName, char shortName, boolean takesArgument) {
}
