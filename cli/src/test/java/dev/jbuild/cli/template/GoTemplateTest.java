package dev.jbuild.cli.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Templates as Docker scripts write them, over an image as {@code docker image inspect} shows it; the
 * expected outputs are what Go's text/template (with the Docker CLI's functions) prints for the same
 * data.
 */
class GoTemplateTest {
    private static final JsonNode IMAGE = read("""
            {"Id": "sha256:abc", "RepoTags": ["app:1", "app:latest"], "RepoDigests": [],
             "Size": 1234567, "Os": "linux", "Architecture": "amd64",
             "Config": {"Env": ["PATH=/bin", "A=b c"], "Cmd": ["sh", "-c", "echo"], "Labels": {"k": "v", "a.b": "<x&y>"},
                        "ExposedPorts": {"80/tcp": {}}, "User": ""}}
            """);

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String run(String template) {
        return GoTemplate.parse(template).execute(IMAGE, Map.of("Entrypoint", JsonNodeFactory.instance.arrayNode()));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "{{.Id}} => sha256:abc",
        "{{.Config.Env}} => [PATH=/bin A=b c]",
        "{{index .Config.Labels \"k\"}} => v",
        "{{index .Config.Labels \"missing\"}} => ~~",
        "{{json .Config.Labels}} => {\"k\":\"v\",\"a.b\":\"<x&y>\"}",
        "{{json .Config.Env}} => [\"PATH=/bin\",\"A=b c\"]",
        "{{range .RepoTags}}{{.}} {{end}} => ~app:1 app:latest ~",
        "{{.Size}} => 1234567",
        "{{if .Config.Cmd}}has cmd{{else}}no cmd{{end}} => has cmd",
        "{{if .Config.Entrypoint}}ep{{else if .Config.Cmd}}cmd{{else}}none{{end}} => cmd",
        "{{.Config.Entrypoint}} => []",
        "{{.Config.Labels}} => map[a.b:<x&y> k:v]",
        "{{.Config.ExposedPorts}} => map[80/tcp:map[]]",
        "{{.Nope}} => <no value>",
        "{{join .RepoTags \",\"}} => app:1,app:latest",
        "{{upper .Os}}/{{lower \"AMD64\"}} => LINUX/amd64",
        "{{title \"hello world\"}} => Hello World",
        "{{println .Os}} => ~linux\n~",
        "{{printf \"%s-%d-%5s|%-4s|\" .Os .Size .Architecture \"x\"}} => linux-1234567-amd64|x   |",
        "{{range $i, $t := .RepoTags}}{{$i}}={{$t}};{{end}} => 0=app:1;1=app:latest;",
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}} {{end}} => ~a.b=<x&y> k=v ~",
        "{{range .RepoDigests}}x{{else}}none{{end}} => none",
        "{{with .Config}}{{.Cmd}}{{end}} => [sh -c echo]",
        "{{len .RepoTags}} {{len .Os}} => 2 5",
        "{{index .RepoTags 1}} => app:latest",
        "{{eq .Os \"linux\"}} {{ne .Size 1}} {{lt 1 2}} {{and .Os .Size}} {{or .Nope \"x\"}} {{not .Os}} => true true true 1234567 x false",
        "{{$t := index .RepoTags 0}}{{$t}} => app:1",
        "~{{- .Os -}}   \n  {{.Architecture}}~ => linuxamd64",
        "{{/* a comment */}}{{.Os}} => linux",
        "{{split \"a:b:c\" \":\"}} => [a b c]",
        "{{truncate .Id 6}} [{{pad .Os 1 2}}] => sha256 [ linux  ]",
        "{{.Os | upper}} => LINUX",
        "{{(index .RepoTags 0) | printf \"%q\"}} => \"app:1\"",
        "{{range .RepoTags}}{{if eq . \"app:1\"}}{{continue}}{{end}}{{.}}{{end}} => app:latest",
        "{{range .RepoTags}}{{.}}{{break}}{{end}} => app:1",
        "{{$.Os}} => linux",
    })
    void dockerTemplatesPrintWhatGoPrints(String template, String expected) {
        assertEquals(expected, run(template));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{{.Id|1:1: unclosed action",
        "x {{bogus .}}|1:5: function \"bogus\" not defined",
        "{{if .Os}}|1:11: unexpected EOF",
        "{{end}}|1:3: unexpected {{end}}",
        "{{.Size.X}}|1:3: executing at <.Size.X>: can't evaluate field X in type int64",
        "{{index .RepoTags 5}}|1:3: executing at <index>: error calling index: index out of range: 5",
        "{{$x}}|1:3: undefined variable: $x",
        "~ab\n {{)}}~|2:4: missing value for command",
    })
    void errorsAreOneLineWithLineAndColumn(String template, String message) {
        TemplateException error = assertThrows(TemplateException.class, () -> run(template));
        assertEquals(message, error.getMessage());
    }

    /** Named templates; each expected output is what Go 1.19's text/template printed for the same template and data. */
    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "{{define \"tags\"}}{{range .}}[{{.}}]{{end}}{{end}}{{template \"tags\" .RepoTags}} => [app:1][app:latest]",
        "{{template \"os\" .}}-{{define \"os\"}}{{.Os}}/{{.Architecture}}{{end}} => linux/amd64-",
        "{{block \"name\" .Config}}{{.Cmd}}{{end}}! => [sh -c echo]!",
        "{{define \"x\"}}{{.}}{{end}}{{template \"x\"}} => <no value>",
        "{{define \"x\"}}{{$}}{{end}}{{template \"x\" .Os}} => linux",
        "{{define \"a\"}}x{{end}}{{define \"a\"}} {{end}}{{template \"a\"}} => x",
        "{{define \"a\"}} {{end}}{{define \"a\"}}y{{end}}{{template \"a\"}} => y",
        "{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" slice . 1}}{{end}}{{end}}{{template \"r\" \"abc\"}} => 321",
        "{{define \"a\"}}A{{.}}{{end}}{{define \"b\"}}B{{template \"a\" .}}{{end}}{{template \"b\" .Os}} => BAlinux",
        "{{range .RepoTags}}{{template \"t\" .}} {{end}}{{define \"t\"}}<{{.}}>{{end}} => ~<app:1> <app:latest> ~",
        "{{define \"json\"}}{{json .}}{{end}}{{template `json` .Config.Env}} => [\"PATH=/bin\",\"A=b c\"]",
    })
    void namedTemplatesPrintWhatGoPrints(String template, String expected) {
        assertEquals(expected, run(template));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "{{template \"nope\"}}|1:3: executing at <{{template \"nope\"}}>: template \"nope\" not defined",
        "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}|1:25: template: multiple definition of template \"a\"",
        "{{if 1}}{{define \"a\"}}x{{end}}{{end}}|1:11: unexpected <define> in command",
        "{{template x}}|1:12: unexpected \"x\" in template clause",
        "{{block \"b\"}}x{{end}}|1:3: missing value for block clause",
        "{{define \"a\"}}x{{else}}y{{end}}|1:18: unexpected {{else}} in define clause",
        "{{define \"r\"}}{{template \"r\"}}{{end}}{{template \"r\"}}|1:17: executing at <{{template \"r\"}}>: exceeded maximum template depth (1000)",
        "{{$v := 1}}{{define \"x\"}}{{$v}}{{end}}{{template \"x\"}}|1:28: undefined variable: $v",
        "{{define \"x\"}}{{break}}{{end}}|1:17: {{break}} outside {{range}}",
    })
    void namedTemplateErrorsAreOneLine(String template, String message) {
        TemplateException error = assertThrows(TemplateException.class, () -> run(template));
        assertEquals(message, error.getMessage());
    }

    @Test
    void numbersPrintAsGoPrintsThem() {
        assertEquals("3 2.5 1e+21 0.0001", GoTemplate.parse("{{3}} {{2.5}} {{1e21}} {{0.0001}}").execute(IMAGE));
    }
}
