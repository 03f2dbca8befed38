package dev.basin.activities;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.basin.engine.analysis.SamplingMethod;

/**
 * What one stage works on: a member, a sampling method, a plane, one row of a plane's grid, a pair of
 * models, a corruption, a curve, a spawned child, a teacher, a student, one ensemble, or the whole study. The stage plan gives each stage its subject, so an activity
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
    @JsonSubTypes.Type(value = Subject.Child.class, name = "child"),
    @JsonSubTypes.Type(value = Subject.Teacher.class, name = "teacher"),
    @JsonSubTypes.Type(value = Subject.Student.class, name = "student"),
    @JsonSubTypes.Type(value = Subject.Ensemble.class, name = "ensemble"),
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

    /** Child {@code child} spawned from the spec's parent member at epoch {@code epoch}. */
    record Child(int epoch, int child) implements Subject {
        @Override
        public String text() {
            return "child " + child + " spawned at epoch " + epoch;
        }
    }

    /** A distillation teacher: {@code deep} or {@code final:J}. */
    record Teacher(String teacher) implements Subject {
        @Override
        public String text() {
            return "teacher " + teacher;
        }
    }

    /** Student {@code student} of group {@code group} of the spec's distill list. */
    record Student(int group, int student) implements Subject {
        @Override
        public String text() {
            return "student " + student + " of distill[" + group + "]";
        }
    }

    /** The ensemble of one kind and variant (the children spawned at one epoch: {@code spawn}, {@code @2}). */
    record Ensemble(String kind, String variant) implements Subject {
        @Override
        public String text() {
            return "ensemble " + kind + (variant.isEmpty() ? "" : " " + variant);
        }
    }
}
