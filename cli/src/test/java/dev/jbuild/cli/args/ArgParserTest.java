package dev.jbuild.cli.args;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line syntax and its error messages, on a small tree shaped like jbuild's. */
class ArgParserTest {
    enum Format { json, dump }

    static final OptionSpec<Path> ROOT = OptionSpec.single(Converters.PATH, "--root").withLabel("DIR").asInherited();
    static final OptionSpec<Boolean> DEBUG = OptionSpec.flag("--debug").asInherited();

    static final OptionSpec<String> TAG = OptionSpec.list("-t", "--tag").withLabel("NAME[:TAG]");
    static final OptionSpec<Boolean> QUIET = OptionSpec.flag("-q", "--quiet");
    static final OptionSpec<Boolean> NO_CACHE = OptionSpec.flag("-n", "--no-cache");
    static final OptionSpec<String> FILE = OptionSpec.single("-f", "--file").withLabel("FILE");
    static final OptionSpec<Long> EPOCH = OptionSpec.single(Converters.LONG, "--source-date-epoch").withLabel("N");
    static final OptionSpec<Format> FORMAT = OptionSpec.single(Converters.oneOf(Format.values()), "--format")
            .withLabel("FORMAT").withDefault(Format.json);
    static final OptionSpec<String> SHELLCHECK = OptionSpec.optionalValue(Converters.STRING, "on", "--shellcheck")
            .withLabel("MODE");
    static final OptionSpec<Long> EVEN = OptionSpec.list(new EvenNumber(), "--even").withLabel("N");
    static final PositionalSpec CONTEXT = PositionalSpec.required("CONTEXT");
    static final CommandSpec BUILD = CommandSpec.of("build", "Build.")
            .withOptions(TAG, QUIET, NO_CACHE, FILE, EPOCH, FORMAT, SHELLCHECK, EVEN)
            .withPositionals(CONTEXT);

    static final PositionalSpec SOURCE = PositionalSpec.required("SOURCE");
    static final PositionalSpec TARGET = PositionalSpec.required("TARGET");
    static final PositionalSpec EXTRA = PositionalSpec.optional("EXTRA");
    static final CommandSpec TAG_COMMAND = CommandSpec.of("tag", "Tag.").withPositionals(SOURCE, TARGET, EXTRA);

    static final PositionalSpec IMAGES = PositionalSpec.oneOrMore("IMAGE");
    static final OptionSpec<String> KEY = OptionSpec.single("--key").withLabel("KEY").asRequired();
    static final OptionSpec<String> INPUT = OptionSpec.single("-i", "--input").withLabel("FILE").asRequired();
    static final CommandSpec VERIFY = CommandSpec.of("verify", "Verify.").withOptions(INPUT, KEY).withPositionals(IMAGES);

    static final CommandSpec CHECK = CommandSpec.of("check", "Check.");
    static final CommandSpec GROUP = CommandSpec.of("group", "Group.").withSubcommands(SubcommandTable.of(CHECK));

    static final CommandSpec ROOT_COMMAND = CommandSpec.of("prog", "A program.")
            .withOptions(ROOT, DEBUG)
            .withSubcommands(SubcommandTable.of(BUILD, TAG_COMMAND, VERIFY, GROUP))
            .withDefaultSubcommand("build");

    /** Refuses odd numbers, to show how a converter's message is reported. */
    static final class EvenNumber implements ValueConverter<Long> {
        @Override
        public Long convert(String value) throws InvalidValueException {
            long number = Long.parseLong(value);
            if (number % 2 != 0) {
                throw new InvalidValueException(value + " is odd");
            }
            return number;
        }
    }

    private static ParsedArgs parse(String... args) {
        return ArgParser.parse(ROOT_COMMAND, args);
    }

    private static UsageException error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args));
    }

    @Test
    void longOptionTakesTheNextWordOrWhatFollowsTheEqualsSign() {
        assertEquals("Dockerfile.test", parse("build", "--file", "Dockerfile.test", ".").value(FILE));
        assertEquals("a=b", parse("build", "--file=a=b", ".").value(FILE));
        assertEquals("", parse("build", "--file=", ".").value(FILE));
    }

    @Test
    void shortOptionTakesTheNextWordTheRestOfItsWordOrWhatFollowsTheEqualsSign() {
        assertEquals(List.of("a", "b", "c"), parse("build", "-t", "a", "-tb", "-t=c", ".").values(TAG));
    }

    @Test
    void clusteredFlagsAreEachSetAndTheLastMayTakeAValue() {
        ParsedArgs args = parse("build", "-qn", ".");
        assertTrue(args.flag(QUIET));
        assertTrue(args.flag(NO_CACHE));
        ParsedArgs withValue = parse("build", "-qtapp:v1", "-nt", "app:v2", ".");
        assertEquals(List.of("app:v1", "app:v2"), withValue.values(TAG));
        assertTrue(withValue.flag(QUIET));
        assertTrue(withValue.flag(NO_CACHE));
    }

    @Test
    void repeatedListOptionsCollectTheirValuesInOrder() {
        assertEquals(List.of("x", "y", "z"), parse("build", "--tag", "x", ".", "-t", "y", "--tag=z").values(TAG));
        assertEquals(List.of(), parse("build", ".").values(TAG));
    }

    @Test
    void flagsTakeNoValueSoTheNextWordIsPositional() {
        ParsedArgs args = parse("build", "-q", "ctx");
        assertTrue(args.flag(QUIET));
        assertEquals("ctx", args.positional(CONTEXT));
        assertFalse(args.flag(NO_CACHE), "an absent flag is false");
    }

    @Test
    void flagMaySayTrueOrFalseAfterAnEqualsSign() {
        assertFalse(parse("build", "--quiet=false", ".").flag(QUIET));
        assertTrue(parse("build", "-q=TRUE", ".").flag(QUIET));
        assertEquals("Invalid value for option '--quiet': 'yes' is not a boolean",
                error("build", "--quiet=yes", ".").getMessage());
    }

    @Test
    void doubleDashEndsTheOptionsAndALoneDashIsAWord() {
        assertEquals("-q", parse("build", "--", "-q").positional(CONTEXT));
        assertEquals("-", parse("build", "-").positional(CONTEXT));
        assertEquals("-", parse("build", "-f", "-", ".").value(FILE), "'-' is a value too (stdin)");
    }

    @Test
    void optionsAndPositionalsMayBeInterleaved() {
        ParsedArgs args = parse("tag", "a", "--debug", "b");
        assertEquals("a", args.positional(SOURCE));
        assertEquals("b", args.positional(TARGET));
        assertNull(args.positional(EXTRA));
        assertTrue(args.flag(DEBUG));
    }

    @Test
    void absentOptionsHaveTheirDefaults() {
        ParsedArgs args = parse("build", ".");
        assertEquals(Format.json, args.value(FORMAT));
        assertNull(args.value(FILE));
        assertFalse(args.isGiven(FORMAT));
    }

    @Test
    void enumValuesAreMatchedInAnyCase() {
        assertEquals(Format.dump, parse("build", "--format", "DUMP", ".").value(FORMAT));
        assertEquals("Invalid value for option '--format': expected one of [json, dump] (case-insensitive) but was 'yaml'",
                error("build", "--format", "yaml", ".").getMessage());
    }

    @Test
    void numericOptionRejectsWhatIsNotANumber() {
        assertEquals(-5L, parse("build", "--source-date-epoch=-5", ".").value(EPOCH));
        UsageException e = error("build", "--source-date-epoch", "1e3", ".");
        assertEquals("Invalid value for option '--source-date-epoch': '1e3' is not a long", e.getMessage());
        assertEquals(List.of("prog", "build"), e.command());
    }

    @Test
    void converterErrorOfARepeatableOptionNamesItsLabel() {
        assertEquals(List.of(2L, 4L), parse("build", "--even", "2", "--even=4", ".").values(EVEN));
        assertEquals("Invalid value for option '--even' (N): 3 is odd", error("build", "--even", "3", ".").getMessage());
    }

    @Test
    void optionalValueIsTheNextWordUnlessThatLooksLikeAnOption() {
        assertEquals("on", parse("build", ".", "--shellcheck").value(SHELLCHECK));
        assertEquals("auto", parse("build", "--shellcheck=auto", ".").value(SHELLCHECK));
        assertEquals("off", parse("build", "--shellcheck", "off", ".").value(SHELLCHECK));
        ParsedArgs beforeAFlag = parse("build", "--shellcheck", "-q", ".");
        assertEquals("on", beforeAFlag.value(SHELLCHECK));
        assertTrue(beforeAFlag.flag(QUIET));
    }

    @Test
    void unknownOptionIsNamedAsGiven() {
        UsageException e = error("build", "--bogus=1", ".");
        assertEquals("Unknown option: '--bogus=1'", e.getMessage());
        assertEquals(List.of("prog", "build"), e.command());
        assertEquals("Unknown option: '-Z' (while processing option: '-qZ')", error("build", "-qZ", ".").getMessage());
        assertEquals("Unknown option: '-Z'", error("tag", "-Z", "a", "b").getMessage());
    }

    @Test
    void missingPositionalParametersAreNamed() {
        assertEquals("Missing required parameter: 'CONTEXT'", error("build").getMessage());
        assertEquals("Missing required parameters: 'SOURCE', 'TARGET'", error("tag").getMessage());
        assertEquals("Missing required parameter: 'TARGET'", error("tag", "a").getMessage());
        assertEquals("Missing required parameter: 'IMAGE'", error("verify", "-i", "f", "--key", "k").getMessage());
    }

    @Test
    void aVariadicParameterLeavesTheLaterOnesTheirMinimum() {
        PositionalSpec images = PositionalSpec.oneOrMore("IMAGE");
        PositionalSpec target = PositionalSpec.required("TARGET");
        CommandSpec copy = CommandSpec.of("copy").withPositionals(images, target);
        ParsedArgs args = ArgParser.parse(copy, "a", "b", "c");
        assertEquals(List.of("a", "b"), args.positionals(images));
        assertEquals("c", args.positional(target));
        assertEquals("Missing required parameter: 'TARGET'",
                assertThrows(UsageException.class, () -> ArgParser.parse(copy, "a")).getMessage());
    }

    @Test
    void optionWithoutItsValueIsAnError() {
        assertEquals("Missing required parameter for option '--tag' (NAME[:TAG])", error("build", ".", "-t").getMessage());
        assertEquals("Missing required parameter for option '--root' (DIR)", error("--root").getMessage());
    }

    @Test
    void optionOfTheCommandIsNotTakenAsAnotherOptionsValue() {
        assertEquals("Expected parameter for option '--tag' but found '--quiet'",
                error("build", "-t", "--quiet", ".").getMessage());
        assertEquals("Expected parameter for option '--file' but found '-q'", error("build", "-f", "-q", ".").getMessage());
        assertEquals("-x", parse("build", "-f", "-x", ".").value(FILE), "a word the command does not know is a value");
    }

    @Test
    void extraWordsAreUnmatchedWithTheirIndexOnTheLine() {
        assertEquals("Unmatched argument at index 4: 'd'", error("tag", "a", "b", "c", "d").getMessage());
        assertEquals("Unmatched arguments from index 2: 'y', 'z'", error("build", "x", "y", "z").getMessage());
    }

    @Test
    void missingRequiredOptionsAreNamedWithTheirLabels() {
        assertEquals("Missing required options: '--input=FILE', '--key=KEY'", error("verify", "img").getMessage());
        assertEquals("Missing required option: '--key=KEY'", error("verify", "-i", "f", "img").getMessage());
    }

    @Test
    void singleValuedOptionsMayBeGivenOnce() {
        assertEquals("option '--file' (FILE) should be specified only once",
                error("build", "-f", "a", "--file", "b", ".").getMessage());
        assertEquals("option '--quiet' should be specified only once", error("build", "-qq", ".").getMessage());
    }

    @Test
    void inheritedOptionsAreAcceptedBeforeAndAfterTheCommandName() {
        ParsedArgs before = parse("--root", "/a", "--debug", "tag", "x", "y");
        assertEquals(Path.of("/a"), before.value(ROOT));
        assertTrue(before.flag(DEBUG));
        ParsedArgs after = parse("group", "check", "--root=/b", "--debug");
        assertEquals(List.of("prog", "group", "check"), after.commandNames());
        assertEquals(Path.of("/b"), after.value(ROOT));
        assertTrue(after.flag(DEBUG));
        assertEquals(Path.of("/c"), parse("--root", "/a", "tag", "x", "y", "--root", "/c").value(ROOT),
                "given at two levels, the later wins");
    }

    @Test
    void unknownWordOrOptionAtTheTopStartsTheDefaultCommand() {
        ParsedArgs word = parse("--debug", "bogus");
        assertEquals(List.of("prog", "build"), word.commandNames());
        assertEquals("bogus", word.positional(CONTEXT));
        assertTrue(word.flag(DEBUG));
        ParsedArgs option = parse("--root", "/r", "-f", "Dockerfile.test", ".");
        assertEquals(List.of("prog", "build"), option.commandNames());
        assertEquals("Dockerfile.test", option.value(FILE));
        assertEquals(Path.of("/r"), option.value(ROOT));
        assertEquals("Unknown option: '-x'", error("-x", ".").getMessage());
        assertEquals(List.of("prog", "build"), error("-x", ".").command());
    }

    @Test
    void aWordAfterDoubleDashAtTheTopIsNotACommandName() {
        ParsedArgs args = parse("--", "tag");
        assertEquals(List.of("prog", "build"), args.commandNames());
        assertEquals("tag", args.positional(CONTEXT));
    }

    @Test
    void onlyGlobalOptionsSelectTheRootItself() {
        ParsedArgs args = parse("--root", "/r");
        assertEquals(List.of("prog"), args.commandNames());
        assertEquals(List.of("prog"), parse().commandNames());
    }

    @Test
    void unknownWordInAGroupIsUnmatched() {
        UsageException e = error("group", "bogus");
        assertEquals("Unmatched argument at index 1: 'bogus'", e.getMessage());
        assertEquals(List.of("prog", "group"), e.command());
    }

    @Test
    void errorInASubcommandNamesTheWholeCommand() {
        assertEquals(List.of("prog", "group", "check"), error("group", "check", "--bogus").command());
    }

    @Test
    void helpAndVersionStopReadingSoTheRestIsNotChecked() {
        ParsedArgs help = parse("build", "--help", "--bogus");
        assertTrue(help.helpRequested());
        assertEquals(List.of("prog", "build"), help.commandNames());
        assertTrue(parse("tag", "-h").helpRequested(), "required parameters are not asked for");
        ParsedArgs version = parse("-V", "tag");
        assertTrue(version.versionRequested());
        assertFalse(version.helpRequested());
        assertTrue(parse("build", "-qh").helpRequested(), "in a cluster too");
        assertFalse(parse("build", ".").helpRequested());
    }
}
