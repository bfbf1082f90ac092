package org.virtxend.dist.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.virtxend.core.error.ErrorCode;
import org.virtxend.core.error.ErrorDomain;
import org.virtxend.core.error.VirtException;

class LibvirtConfParserTest {
    private static final String F = "/etc/libvirt/virtxend.conf";

    private static ConfFile parse(String text) {
        return LibvirtConfParser.parse(F, text);
    }

    @Test
    void readsEveryValueForm() {
        ConfFile f = parse("""
                a = 5
                b = -1
                c = +7
                d = "double"
                e = 'single'
                f = [ "x", "y" ]
                g = []
                """);
        assertThat(f.raw("a")).contains(new ConfValue.Num(5, false));
        assertThat(f.raw("b")).contains(new ConfValue.Num(-1, true));
        assertThat(f.raw("c")).contains(new ConfValue.Num(7, false));
        assertThat(f.string("d")).contains("double");
        assertThat(f.string("e")).contains("single");
        assertThat(f.stringList("f")).contains(List.of("x", "y"));
        assertThat(f.stringList("g")).contains(List.of());
        assertThat(f.keys()).containsExactly("a", "b", "c", "d", "e", "f", "g");
    }

    @Test
    void stringsAreTakenLiterally() {
        ConfFile f = parse("p = \"C:\\\\dir\\n\"\nq = 'say \"hi\"'\n");
        assertThat(f.string("p")).contains("C:\\\\dir\\n");
        assertThat(f.string("q")).contains("say \"hi\"");
    }

    @Test
    void tripleQuotedStringsMaySpanLines() {
        ConfFile f = parse("s = \"\"\"one\ntwo\"\"\"\nafter = 1\n");
        assertThat(f.string("s")).contains("one\ntwo");
        assertThat(f.unsignedInt("after")).contains(1L);
    }

    @Test
    void listsMaySpanLinesAndEndWithAComma() {
        ConfFile f = parse("""
                l = [
                    "a",
                    "b",
                ]
                n = 1
                """);
        assertThat(f.stringList("l")).contains(List.of("a", "b"));
        assertThat(f.unsignedInt("n")).contains(1L);
    }

    @Test
    void listsMayHoldAnyValueUntilATypedGetterLooks() {
        ConfFile f = parse("l = [ 1, [ \"x\" ], \"y\" ]\n");
        assertThat(f.raw("l")).contains(new ConfValue.ListOf(List.of(new ConfValue.Num(1, false),
                new ConfValue.ListOf(List.of(new ConfValue.Str("x"))), new ConfValue.Str("y"))));
    }

    @Test
    void commentsBlankLinesAndSemicolons() {
        ConfFile f = parse("""
                # leading comment

                   \t
                a = 1 # trailing comment
                b = 2; c = "three";
                \td\t=\t4\t
                """);
        assertThat(f.keys()).containsExactly("a", "b", "c", "d");
        assertThat(f.unsignedInt("d")).contains(4L);
    }

    @Test
    void emptyAndBlankFilesAreFine() {
        assertThat(parse("").keys()).isEmpty();
        assertThat(parse("\n\n  \n").keys()).isEmpty();
        assertThat(parse("# only a comment").keys()).isEmpty();
        assertThat(parse("a = 1").keys()).containsExactly("a");
    }

    @Test
    void crlfLineEndingsAreAccepted() {
        assertThat(parse("a = 1\r\nb = \"x\"\r\n").string("b")).contains("x");
    }

    @Test
    void theFirstOfRepeatedKeysWins() {
        assertThat(parse("a = 1\na = 2\n").unsignedInt("a")).contains(1L);
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(parse("Max_Clients = 1\n").raw("max_clients")).isEmpty();
    }

    @Test
    void hugeNumbersSaturateSoRangeChecksCatchThem() {
        ConfFile f = parse("a = 99999999999999999999999\nb = -99999999999999999999999\n");
        assertThat(f.raw("a")).contains(new ConfValue.Num(Long.MAX_VALUE, false));
        assertThat(f.raw("b")).contains(new ConfValue.Num(Long.MIN_VALUE, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `a =`                          | 1 | expecting a value
            `a = \\n`                      | 1 | expecting a value
            `\\n\\nmax_clients = `         | 3 | expecting a value
            `a = bare`                     | 1 | expecting a value
            `a 1`                          | 1 | expecting an assignment
            `a`                            | 1 | expecting an assignment
            `foo-bar = 1`                  | 1 | expecting an assignment
            `_a = 1`                       | 1 | expecting a name
            `1a = 1`                       | 1 | expecting a name
            `= 1`                          | 1 | expecting a name
            `a = "open`                    | 1 | unterminated string
            `a = "open\\n"`                | 1 | unterminated string
            `a = 'open`                    | 1 | unterminated string
            `a = \"\"\"never\\nclosed`     | 2 | unterminated string
            `a = 5x`                       | 1 | expecting a separator
            `a = 1 b = 2`                  | 1 | expecting a separator
            `a = "x" "y"`                  | 1 | expecting a separator
            `a = -`                        | 1 | unterminated number
            `a = +x`                       | 1 | unterminated number
            `a = [ "x" "y" ]`              | 1 | expecting a separator in list
            `a = [ "x",\\n  "y"\\n`        | 3 | list is not closed with ]
            `a = [`                        | 1 | list is not closed with ]
            `a = [ "x", # no comments\\n]` | 1 | expecting a value
            `a = [ , ]`                    | 1 | expecting a value
            """)
    void syntaxErrorsNameFileAndLine(String text, int line, String what) {
        String unescaped = text.replace("\\n", "\n");
        assertThatThrownBy(() -> parse(unescaped))
                .isInstanceOfSatisfying(VirtException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONF_SYNTAX);
                    assertThat(e.domain()).isEqualTo(ErrorDomain.CONF);
                    assertThat(e.getMessage())
                            .isEqualTo("configuration file syntax error: " + F + ":" + line + ": " + what);
                });
    }

    @Test
    void lineNumbersCountLinesInsideListsAndTripleQuotes() {
        String text = "a = [\n \"x\",\n \"y\"\n]\nb = \"\"\"\n\n\"\"\"\nc = ?\n";
        assertThatThrownBy(() -> parse(text)).hasMessageEndingWith(":8: expecting a value");
    }

    @Test
    void readsFilesFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.conf");
        Files.writeString(file, "max_clients = 7\nbad = \n");
        assertThatThrownBy(() -> LibvirtConfParser.parseFile(file))
                .hasMessage("configuration file syntax error: " + file + ":2: expecting a value");
        Files.writeString(file, "name = \"caf\u00e9\"\n");
        assertThat(LibvirtConfParser.parseFile(file).string("name")).contains("caf\u00e9");
    }

    @Test
    void missingFileUsesLibvirtsWording(@TempDir Path dir) {
        Path file = dir.resolve("none.conf");
        assertThatThrownBy(() -> LibvirtConfParser.parseFile(file))
                .isInstanceOfSatisfying(VirtException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYSTEM_ERROR))
                .hasMessage("Failed to open file '" + file + "': No such file or directory");
    }

    @Test
    void directoryIsReportedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> LibvirtConfParser.parseFile(dir))
                .hasMessage("Failed to read file '" + dir + "': Is a directory");
    }
}
