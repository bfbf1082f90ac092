package org.virtxend.dist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.virtxend.dist.config.DaemonPaths;

/** virtxend(8) and --help come from one option table: every option is in both, the same way. */
class ManPageTest {
    private static final String PAGE = ManPage.render("1.2.3");
    private static final String HELP = Usage.text("virtxend", DaemonPaths.under(Path.of("/")));

    @Test
    void everyOptionOfTheTableIsInTheManPageAndInHelp() {
        assertThat(OptionTable.OPTIONS).hasSize(9);
        for (OptionSpec o : OptionTable.OPTIONS) {
            String man = "\\fB\\-\\-" + o.longName().replace("-", "\\-") + "\\fR";
            String help = "--" + o.longName() + (o.takesArgument() ? " <" + o.argument() + ">" : "");
            assertThat(section("OPTIONS")).as(o.longName()).contains(".TP\n" + ManPage.optionNames(o) + "\n", man);
            assertThat(section("SYNOPSIS")).as(o.longName()).contains("[" + ManPage.optionNames(o).replace("\\fR, ", "\\fR|") + "]");
            assertThat(HELP).as(o.longName()).contains(help + " ", o.summary());
            if (o.hasShortName()) {
                assertThat(section("OPTIONS")).contains("\\fB\\-" + o.shortName() + "\\fR, " + man);
                assertThat(HELP).contains("-" + o.shortName() + " | " + help);
            }
        }
    }

    @Test
    void neitherListsAnOptionTheTableLacks() {
        long manOptions = section("OPTIONS").lines().filter(".TP"::equals).count();
        assertThat(manOptions).isEqualTo(OptionTable.OPTIONS.size());
        List<String> helpOptions = HELP.lines().filter(l -> l.matches(" {2}(-\\w \\| |\\s{5})--\\S.*")).toList();
        assertThat(helpOptions).hasSize(OptionTable.OPTIONS.size());
    }

    @Test
    void helpKeepsLibvirtsColumns() {
        assertThat(HELP).contains("""
                Options:
                  -h | --help              Print this help, then exit
                  -v | --verbose           Also log informational messages
                  -d | --daemon            Detach into the background and write a PID file
                  -t | --timeout <secs>    Exit after <secs> seconds without clients (0: never)
                  -f | --config <file>     Read settings from <file>
                  -V | --version           Print version information, then exit
                  -p | --pid-file <file>   Write the PID into <file>
                       --root <dir>        Look for every default path below <dir>, as if it were /
                       --backend <name>    Hypervisor backend: auto (default), sim or libxl

                virtxend, the Xen management daemon""");
    }

    @Test
    void hasTheSectionsOfADaemonsManPageInOrder() {
        assertThat(PAGE).startsWith(".TH \"VIRTXEND\" \"8\" \"\" \"virtxend 1.2.3\" \"System Administration\"\n");
        List<String> sections = PAGE.lines().filter(l -> l.startsWith(".SH ")).map(l -> l.substring(4)).toList();
        assertThat(sections).containsExactly("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SIGNALS", "FILES",
                "EXIT STATUS", "SEE ALSO");
    }

    @Test
    void filesAreTheDefaultPathsHelpPrints() {
        DaemonPaths p = DaemonPaths.under(Path.of("/"));
        for (Path f : List.of(p.configFile(), p.rwSocket(), p.roSocket(), p.adminSocket(), p.pidFile())) {
            assertThat(HELP).contains(f.toString());
            assertThat(section("FILES")).contains("\\fI" + f.toString().replace("-", "\\-") + "\\fR");
        }
    }

    @Test
    void noLineOfProseCanBeTakenForARequest() {
        assertThat(PAGE.lines().filter(l -> !l.isEmpty() && "'".equals(l.substring(0, 1)))).isEmpty();
        Pattern request = Pattern.compile("^\\.(TH|SH|PP|TP|B|BR) ?.*");
        assertThat(PAGE.lines().filter(l -> l.startsWith(".")))
                .allMatch(l -> request.matcher(l).matches(), "only the macros the page means");
    }

    private static String section(String name) {
        int start = PAGE.indexOf(".SH " + name + "\n");
        assertThat(start).as(name).isNotNegative();
        int end = PAGE.indexOf("\n.SH ", start + 1);
        return PAGE.substring(start, end < 0 ? PAGE.length() : end + 1);
    }
}
