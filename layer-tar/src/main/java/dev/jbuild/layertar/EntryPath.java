package dev.jbuild.layertar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A name from the archive as a list of plain components, after refusing everything that could
 * point outside the target: absolute names and any '..' component. "./" prefixes, empty and "."
 * components are dropped (tar writers commonly produce "./etc/"); no component is ever "." or "..".
 */
record EntryPath(List<String> components) {
    private static final int MAX_COMPONENT_BYTES = 255;

    EntryPath {
        components = List.copyOf(components);
    }

    static final EntryPath ROOT = new EntryPath(List.of());

    /**
     * @param value the name to check (an entry name or a hardlink target)
     * @param entryName the entry it belongs to, for the message
     * @param what what value is, for the message ("name", "hardlink target")
     */
    static EntryPath parse(String value, String entryName, String what) throws UnsafeEntryException {
        if (value.indexOf('\0') >= 0) {
            throw new UnsafeEntryException(entryName, what + " contains a NUL byte");
        }
        if (value.startsWith("/")) {
            throw new UnsafeEntryException(entryName, what + " '" + value + "' is absolute");
        }
        List<String> components = new ArrayList<>();
        for (String component : value.split("/", -1)) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                throw new UnsafeEntryException(entryName, what + " '" + value + "' contains '..'");
            }
            if (component.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
                throw new UnsafeEntryException(entryName, what + " has a component longer than "
                        + MAX_COMPONENT_BYTES + " bytes");
            }
            components.add(component);
        }
        return new EntryPath(components);
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    EntryPath parent() {
        return new EntryPath(components.subList(0, Math.max(0, components.size() - 1)));
    }

    EntryPath child(String name) {
        List<String> longer = new ArrayList<>(components);
        longer.add(name);
        return new EntryPath(longer);
    }

    String baseName() {
        return components.isEmpty() ? "" : components.get(components.size() - 1);
    }

    /** The components joined with '/'; "" for the root. */
    String key() {
        return String.join("/", components);
    }

    /** Keys of the root and every ancestor above this path, outermost first (the path itself excluded). */
    List<String> ancestorKeys() {
        List<String> keys = new ArrayList<>(components.size());
        for (int i = 0; i < components.size(); i++) {
            keys.add(String.join("/", components.subList(0, i)));
        }
        return keys;
    }
}
