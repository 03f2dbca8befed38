package dev.basin.activities;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.basin.engine.analysis.SamplingMethod;

/**
 * What one stage works on: a member, a sampling method, a plane, one row of a plane's grid, a pair of
 * models, a corruption, or the whole study. The stage plan gives each stage its subject, so an activity
 * never decodes a position in a list the workflow and it must agree on.
 *
 * <p>Crosses Temporal as JSON with a {@code kind} tag, so that a recorded history stays readable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Subject.Study.class, name = "study"),
    @JsonSubTypes.Type(value = Subject.Member.class, name = "member"),
    @JsonSubTypes.Type(value = Subject.Method.class, name = "method"),
    @JsonSubTypes.Type(value = Subject.Plane.class, name = "plane"),
    @JsonSubTypes.Type(value = Subject.PlaneRow.class, name = "plane-row"),
    @JsonSubTypes.Type(value = Subject.Pair.class, name = "pair"),
    @JsonSubTypes.Type(value = Subject.Corruption.class, name = "corruption"),
    @JsonSubTypes.Type(value = Subject.Curve.class, name = "curve"),
})
public sealed interface Subject {

    /** The subject as text, as {@code basin status} and the stage table show it. */
    String text();

    /** The whole study (similarity, t-SNE, the ensembles). */
    record Study() implements Subject {
        @Override
        public String text() {
            return "study";
        }
    }

    /** One ensemble member, 0-based. */
    record Member(int member) implements Subject {
        @Override
        public String text() {
            return "member " + member;
        }
    }

    /**
     * One subspace sampling method around the spec's member; {@code withMembers} for the one stage that
     * also measures every other member against the same baseline (once per study).
     */
    record Method(SamplingMethod method, boolean withMembers) implements Subject {
        @Override
        public String text() {
            return "method " + method.specName() + (withMembers ? " (and the other members)" : "");
        }
    }

    /** Plane {@code plane} of the spec's {@code plane} list. */
    record Plane(int plane) implements Subject {
        @Override
        public String text() {
            return "plane " + plane;
        }
    }

    /** Row {@code row} (0-based) of plane {@code plane}'s grid. */
    record PlaneRow(int plane, int row) implements Subject {
        @Override
        public String text() {
            return "plane " + plane + " row " + row;
        }
    }

    /** Pair {@code pair} of {@code interpolation.pairs}; {@code label} is its canonical text, {@code a-b}. */
    record Pair(int pair, String label) implements Subject {
        @Override
        public String text() {
            return "pair " + label;
        }
    }

    /** One dataset-shift corruption of {@code shift.corruptions}. */
    record Corruption(String corruption) implements Subject {
        @Override
        public String text() {
            return "corruption " + corruption;
        }
    }

    /** Curve {@code curve} of the spec's {@code curves} list; {@code label} is {@code bezier final:0-final:1}. */
    record Curve(int curve, String label) implements Subject {
        @Override
        public String text() {
            return "curve " + curve + " " + label;
        }
    }
}
