package io.ferry.plan;

import io.ferry.plan.steps.CheckStep;
import io.ferry.plan.steps.DataStoreCheckStep;
import io.ferry.plan.steps.LoadStep;
import io.ferry.plan.steps.MigrateStep;
import io.ferry.plan.steps.ReindexStep;
import io.ferry.plan.steps.ReportStep;
import io.ferry.plan.steps.SqlStep;
import io.ferry.plan.steps.TransferStep;
import io.ferry.plan.steps.VerifyStep;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The step kinds a plan may use, by name. A new capability adds its kind with {@link #register}. */
public final class StepKinds {
    private static final Map<String, StepKind> KINDS = new LinkedHashMap<>();

    static {
        register(new TransferStep.Kind());
        register(new LoadStep.Kind());
        register(new CheckStep.Kind());
        register(new DataStoreCheckStep.Kind());
        register(new MigrateStep.Kind());
        register(new SqlStep.Kind());
        register(new VerifyStep.Kind());
        register(new ReindexStep.Kind());
        register(new ReportStep.Kind());
    }

    private StepKinds() {
    }

    public static synchronized void register(StepKind kind) {
        if (KINDS.putIfAbsent(kind.name(), kind) != null) {
            throw new IllegalStateException("step kind " + kind.name() + " is registered twice");
        }
    }

    public static synchronized Optional<StepKind> find(String name) {
        return Optional.ofNullable(KINDS.get(name));
    }

    public static synchronized String names() {
        return String.join(", ", KINDS.keySet());
    }
}
