package dev.basin.engine.analysis;

/**
 * One entry of the spec's {@code distill} list: students that start inside one basin (a member's final weights)
 * and learn from a teacher, each minimising (1 − α)·CE(y, p_S) + α·τ²·KL(p_T^τ ‖ p_S^τ), plus, when
 * {@code penalty} λ is positive, λ·CE((1 − t)·θ0 + t·θ) at t ~ U(0, 1) per minibatch, which keeps the student
 * linearly connected to where it started (after Lion et al. 2024).
 *
 * @param students    K: students trained, each with its own data order
 * @param from        the weights every student starts from, {@code final:M}
 * @param teacher     {@code deep} (the members' mean softmax) or {@code final:J} (one member)
 * @param alpha       α, the weight of the distillation term
 * @param temperature τ
 * @param penalty     λ, the weight of the connectivity penalty; 0 = none
 * @param epochs      passes over the training set
 * @param lr          base learning rate, under train.schedule over {@code epochs}
 * @param momentum    SGD momentum (PyTorch's form)
 * @param weightDecay L2 coefficient on the student's weights
 * @param batchSize   minibatch size
 */
public record DistillConfig(int students, WeightRef from, String teacher, double alpha, double temperature,
                            double penalty, int epochs, double lr, double momentum, double weightDecay,
                            int batchSize) {

    /** The teacher that is the deep ensemble. */
    public static final String DEEP = "deep";

    /** Whether the teacher is the deep ensemble (else one member, {@link #teacherMember()}). */
    public boolean deepTeacher() {
        return DEEP.equals(teacher);
    }

    /** The recipe of one student: the same entry with {@code students} = 1 (how many there are changes none). */
    public DistillConfig oneStudent() {
        return new DistillConfig(1, from, teacher, alpha, temperature, penalty, epochs, lr, momentum, weightDecay,
                batchSize);
    }

    /** The teaching member J of {@code final:J}. */
    public int teacherMember() {
        return WeightRef.parse(teacher).member();
    }
}
