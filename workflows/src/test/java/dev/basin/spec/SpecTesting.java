package dev.basin.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/** Helpers shared by the spec tests. */
final class SpecTesting {

    private SpecTesting() {}

    /** A spec with {@code study: quickstart} on line 1, {@code train:} on line 2 and {@code body} from line 3. */
    static String train(String body) {
        StringBuilder sb = new StringBuilder("study: quickstart\ntrain:\n");
        for (String l : body.split("\n", -1)) {
            if (!l.isEmpty()) {
                sb.append("  ").append(l).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@link #train} with members 5 and epochs 4 on lines 3 and 4, then {@code extra} from line 5. */
    static String trainWith(String extra) {
        return train("members: 5\nepochs: 4\n" + extra);
    }

    static List<SpecProblem> problems(String yaml) {
        SpecException e = assertThrows(SpecException.class, () -> SpecParser.parse(yaml));
        assertEquals(e.problems(), SpecParser.problems(yaml), "parse and problems agree");
        return e.problems();
    }

    static SpecProblem only(String yaml) {
        List<SpecProblem> p = problems(yaml);
        assertEquals(1, p.size(), () -> "expected one problem, got:\n" + join(p));
        return p.get(0);
    }

    /** The one problem's full text, {@code path: message (line n)}. */
    static String one(String yaml) {
        return only(yaml).toString();
    }

    static String join(List<SpecProblem> p) {
        StringBuilder sb = new StringBuilder();
        for (SpecProblem x : p) {
            sb.append(x).append('\n');
        }
        return sb.toString();
    }
}
