package dev.basin.workflows;

import dev.basin.activities.EnsembleScore;
import dev.basin.activities.MemberResult;
import dev.basin.activities.MemberScore;
import java.util.List;

/** The small numbers a finished study returns; everything else is in PostgreSQL and S3. */
public record StudyResult(String study, String runKey, List<MemberResult> trained, List<MemberScore> members,
                                                    List<EnsembleScore> ensembles) {}
