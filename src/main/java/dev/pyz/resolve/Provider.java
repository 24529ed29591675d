package dev.pyz.resolve;

import dev.pyz.requirement.Requirement;
import java.io.IOException;
import java.util.List;

/** What the resolver asks of the index: a project's candidates, and a candidate's requirements. */
public interface Provider {
    /** The candidates of a project (normalized name) that the target can run, newest version first. */
    List<Candidate> candidates(String name) throws IOException;

    /** Every {@code Requires-Dist} of the candidate, in METADATA order, markers not yet evaluated. */
    List<Requirement> requirements(Candidate candidate) throws IOException;

    /** Why {@code name} has no candidate at all (no such project, source distributions only, ...). */
    default String whyNone(String name) {
        return "no wheel of " + name + " on the index";
    }
}
