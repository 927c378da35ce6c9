package dev.jbuild.parser.instructions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChmodModeTest {
    @ParameterizedTest(name = "{0} on {1} (dir={2}) gives {3}")
    @CsvSource({
        "755, 644, false, 755",
        "0640, 755, true, 640",
        "4755, 644, false, 4755",
        "0, 777, false, 0",
        "u+x, 644, false, 744",
        "+x, 644, false, 755",
        "a-w, 666, false, 444",
        "go=, 755, true, 700",
        "'u=rw,go=r', 777, false, 644",
        "a=rX, 644, false, 444",
        "a=rX, 744, false, 555",
        "a=rX, 700, true, 555",
        "g=u, 740, false, 770",
        "u+s, 755, false, 4755",
        "g+s, 755, true, 2755",
        "+t, 777, true, 1777",
        "u+t, 755, true, 755",
        "'o-rwx,g+w', 755, false, 770",
        "u+r-w, 644, false, 444",
    })
    void appliesOctalAndSymbolicModes(String spec, String mode, boolean directory, String expected) {
        assertEquals(Integer.parseInt(expected, 8),
                ChmodMode.parse(spec).applyTo(Integer.parseInt(mode, 8), directory));
    }

    @Test
    void octalAbove07777IsRefusedWithBuildKitsMessage() {
        InstructionException error = assertThrows(InstructionException.class, () -> ChmodMode.parse("17777"));
        assertEquals("invalid chmod parameter: '17777'. it should be octal string and between 0 and 07777",
                error.getMessage());
    }

    @Test
    void numericButNotOctalIsRefusedWithBuildKitsMessage() {
        InstructionException error = assertThrows(InstructionException.class, () -> ChmodMode.parse("789"));
        assertEquals("invalid chmod parameter: '789'. it should be octal string and between 0 and 07777",
                error.getMessage());
    }

    @Test
    void malformedSymbolicModeIsRefused() {
        for (String bad : new String[] {"u", "u+q", "x+r", "", "u+x,"}) {
            InstructionException error = assertThrows(InstructionException.class, () -> ChmodMode.parse(bad), bad);
            assertEquals("invalid chmod parameter: '" + bad + "'" + (bad.isEmpty()
                    ? ". it should be octal string and between 0 and 07777" : ". invalid syntax"), error.getMessage());
        }
    }
}
