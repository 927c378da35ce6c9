package dev.jbuild.parser.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.parser.syntax.DockerfileSyntaxException;
import dev.jbuild.parser.syntax.RawInstruction;
import dev.jbuild.parser.syntax.SyntaxTree;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstructionParserTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "RUNN,did you mean RUN?",
        "runn,did you mean run?",
        "Runn,did you mean run?",
        "FORM,did you mean FROM?",
        "ENTRYPIONT,did you mean ENTRYPOINT?",
        "COPPY,did you mean COPY?",
        "BANANA,-",
    })
    void unknownInstructionNamesItAsWrittenWithSuggestion(String keyword, String hint) {
        Raw.of(keyword, "").at(4).fails("unknown instruction: " + keyword, hint);
    }

    @Test
    void unknownInstructionIsCheckedBeforeAnythingElse() {
        Raw.of("FOO", "").flags("--bogus").at(2).fails("unknown instruction: FOO", "did you mean FROM?");
    }

    @Test
    void parseAllTypesEveryInstructionInOrder() {
        SyntaxTree tree = tree(List.of("FROM alpine AS base", "ENV A=1", "RUN echo $A", "CMD [\"sh\"]"),
                Raw.of("FROM", "alpine", "AS", "base").at(1).build(),
                Raw.of("ENV", "A", "1", "=").at(2).build(),
                Raw.of("RUN", "echo $A").at(3).build(),
                Raw.json("CMD", "sh").at(4).build());
        List<Instruction> instructions = InstructionParser.parseAll(tree);
        assertEquals(List.of("FROM", "ENV", "RUN", "CMD"), instructions.stream().map(Instruction::name).toList());
        assertEquals(3, instructions.get(2).range().startLine());
    }

    @Test
    void parseAllReportsThePhysicalSourceLineWithACaret() {
        SyntaxTree tree = tree(List.of("FROM alpine", "  RUNN make"),
                Raw.of("FROM", "alpine").at(1).build(),
                new RawInstruction("RUNN", List.of(), List.of(""), false, null, List.of(), "RUNN make", List.of(),
                        new dev.jbuild.parser.syntax.SourceRange("Dockerfile", 2, 3, 2)));
        DockerfileSyntaxException e = assertThrows(DockerfileSyntaxException.class, () -> InstructionParser.parseAll(tree));
        assertEquals("  RUNN make", e.sourceLine());
        assertEquals("Dockerfile:2:3: unknown instruction: RUNN (did you mean RUN?)", e.oneLine());
        assertEquals("Dockerfile:2:3: unknown instruction: RUNN (did you mean RUN?)\n  " + "  RUNN make\n    ^",
                e.withCaret());
    }

    @Test
    void singleInstructionParseQuotesItsOriginalLine() {
        DockerfileSyntaxException e = assertThrows(DockerfileSyntaxException.class,
                () -> InstructionParser.parse(Raw.of("USER").original("USER").at(7).build()));
        assertEquals("USER", e.sourceLine());
        assertEquals(7, e.range().startLine());
    }

    @Test
    void nestedTriggerErrorPointsAtTheTriggersRange() {
        RawInstruction trigger = new RawInstruction("WORKDIR", List.of(), List.of(), false, null, List.of(),
                "WORKDIR", List.of(), new dev.jbuild.parser.syntax.SourceRange("Dockerfile", 5, 9, 5));
        RawInstruction onbuild = new RawInstruction("ONBUILD", List.of(), List.of(), false, trigger, List.of(),
                "ONBUILD WORKDIR", List.of(), new dev.jbuild.parser.syntax.SourceRange("Dockerfile", 5, 1, 5));
        DockerfileSyntaxException e = assertThrows(DockerfileSyntaxException.class,
                () -> InstructionParser.parse(onbuild));
        assertEquals("WORKDIR requires exactly one argument", e.getMessage());
        assertEquals(9, e.range().startColumn());
    }

    private static SyntaxTree tree(List<String> lines, RawInstruction... instructions) {
        return new SyntaxTree("Dockerfile", List.of(), '\\', List.of(instructions), List.of(), lines);
    }
}
