package org.emospark.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile's instructions, continuation lines joined and comments dropped: enough to check what it copies. */
record Dockerfile(List<Instruction> instructions) {
    record Instruction(String keyword, String arguments) {
    }

    /** {@code COPY source destination} from the build context (the repository root). */
    record Copy(String source, String destination) {
    }

    static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
            current.setLength(0);
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    List<Copy> copies() {
        return all("COPY").stream().map(a -> {
            String[] parts = a.split("\\s+");
            if (parts.length != 2 || parts[0].startsWith("--")) {
                throw new IllegalStateException("COPY with one source and one destination expected, found: COPY " + a);
            }
            return new Copy(parts[0], parts[1]);
        }).toList();
    }

    /** The image path the build context's {@code source} is copied to. */
    Optional<String> destinationOf(String source) {
        return copies().stream().filter(c -> c.source().equals(source)).map(Copy::destination).findFirst();
    }

    /** ENV KEY=VALUE pairs (several per instruction). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\S+)").matcher(String.join(" ", all("ENV")));
        while (m.find()) {
            env.put(m.group(1), m.group(2));
        }
        return env;
    }

    /** ARG NAME=DEFAULT values. */
    Map<String, String> args() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : all("ARG")) {
            String[] kv = a.split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return args;
    }
}
