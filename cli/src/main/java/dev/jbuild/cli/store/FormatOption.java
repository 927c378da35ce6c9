package dev.jbuild.cli.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.cli.UserError;
import dev.jbuild.cli.template.GoTemplate;
import dev.jbuild.cli.template.TemplateException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A {@code --format} value as the Docker CLI reads it: {@code table} (the default listing), {@code json}
 * (one object per line), {@code table TEMPLATE} (a header row, then a row per item, aligned in columns)
 * or any other Go template (its output for each item, then a newline). {@code \t} and {@code \n}
 * written as two characters mean a tab and a newline, as in Docker.
 *
 * @param kind     which of the four
 * @param template the parsed template, for the template kinds
 */
record FormatOption(Kind kind, GoTemplate template) {
    enum Kind { TABLE, JSON, TABLE_TEMPLATE, TEMPLATE }

    static FormatOption parse(String format) {
        if (format == null || format.equals("table")) {
            return new FormatOption(Kind.TABLE, null);
        }
        if (format.equals("json")) {
            return new FormatOption(Kind.JSON, null);
        }
        boolean table = format.startsWith("table ");
        String text = (table ? format.substring("table ".length()) : format).strip()
                .replace("\\t", "\t").replace("\\n", "\n");
        try {
            return new FormatOption(table ? Kind.TABLE_TEMPLATE : Kind.TEMPLATE, GoTemplate.parse(text));
        } catch (TemplateException e) {
            throw templateError(e);
        }
    }

    boolean isTemplate() {
        return kind == Kind.TABLE_TEMPLATE || kind == Kind.TEMPLATE;
    }

    /** Prints the items through the template; {@code header} is the item the header row is made from. */
    void print(List<? extends JsonNode> items, JsonNode header, PrintStream out) {
        print(items, header, Map.of(), out);
    }

    /** As {@link #print(List, JsonNode, PrintStream)}, with the zero values of the fields items may lack. */
    void print(List<? extends JsonNode> items, JsonNode header, Map<String, JsonNode> zeroValues, PrintStream out) {
        try {
            if (kind == Kind.TEMPLATE) {
                for (JsonNode item : items) {
                    out.println(template.execute(item, zeroValues));
                }
                return;
            }
            TabTable table = new TabTable();
            table.row(template.execute(header).split("\t", -1));
            for (JsonNode item : items) {
                for (String line : template.execute(item, zeroValues).split("\n", -1)) {
                    table.row(line.split("\t", -1));
                }
            }
            table.print(out);
        } catch (TemplateException e) {
            throw templateError(e);
        }
    }

    static UserError templateError(TemplateException e) {
        return new UserError("--format: template: " + e.getMessage(), e);
    }
}
