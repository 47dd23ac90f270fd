package dev.layerlab.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.data.DataSpec;
import dev.layerlab.data.TaskType;
import dev.layerlab.experiment.Experiment;
import dev.layerlab.experiment.ExperimentJson;
import dev.layerlab.training.TrainingSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outputs of a graph network that predict their own column: the spec, its JSON, its validation and widths. */
class PerOutputTargetsTest {
    static final List<String> COLUMNS = List.of("longitude", "latitude", "housing_median_age", "total_rooms",
            "total_bedrooms", "population", "households");
    /** As the data pipeline prepares California housing for a network predicting income and ocean proximity. */
    static final NetworkShape SHAPE = new NetworkShape(7, 1, TaskType.REGRESSION, COLUMNS, "median_house_value",
            targets());

    static Map<String, NetworkShape.Target> targets() {
        Map<String, NetworkShape.Target> t = new LinkedHashMap<>();
        t.put("median_income", new NetworkShape.Target(TaskType.REGRESSION, 1));
        t.put("ocean_proximity", new NetworkShape.Target(TaskType.MULTICLASS_CLASSIFICATION, 5));
        return t;
    }

    /** Main head on the house value, an income head and an ocean-proximity head on a shared hidden layer. */
    static NetworkSpec threeHeads() {
        return new NetworkSpec(List.of(new InputNode("in", COLUMNS)),
                List.of(DenseLayer.of(16, Activation.RELU).withName("hidden")), Map.of(), OutputSpec.auto(),
                List.of(new OutputNode("value", "hidden", null, 1.0),
                        new OutputNode("income", "hidden", null, 0.5, "median_income"),
                        new OutputNode("ocean", "hidden", null, 0.5, "ocean_proximity")));
    }

    static NetworkSpec withOutputs(NetworkSpec spec, OutputNode... outputs) {
        return spec.withOutputs(List.of(outputs));
    }

    @Test
    void perOutputTargetsRoundTripThroughJson() {
        NetworkSpec spec = threeHeads();
        String json = spec.toJson();
        assertThat(json).contains("\"target\" : \"median_income\"", "\"target\" : \"ocean_proximity\"");
        assertThat(NetworkSpec.fromJson(json)).isEqualTo(spec);

        Experiment experiment = new Experiment(0, "heads", DataSpec.of("housing.csv", "median_house_value"), spec,
                TrainingSpec.defaults());
        Experiment back = ExperimentJson.fromJson(ExperimentJson.toJson(experiment), "test");
        assertThat(back).isEqualTo(experiment);
        assertThat(back.network().outputTargets()).containsExactly("median_income", "ocean_proximity");
    }

    @Test
    void outputsWithoutATargetWriteNoTargetFieldAndOldFilesLoadUnchanged() {
        NetworkSpec template = NetworkTemplates.forData("wide-deep-aux", COLUMNS);
        assertThat(template.toJson()).doesNotContain("\"target\"");
        assertThat(template.outputTargets()).isEmpty();

        NetworkSpec old = NetworkSpec.fromJson("""
                {"inputs": [{"name": "in", "columns": ["longitude"]}],
                 "layers": [{"type": "dense", "name": "h", "units": 4}],
                 "outputs": [{"name": "main", "from": "h", "lossWeight": 0.9}, {"name": "aux", "from": "h", "lossWeight": 0.1}]}""");
        assertThat(old.outputs()).extracting(OutputNode::target).containsOnlyNulls();
        assertThat(old.outputs().get(1)).isEqualTo(new OutputNode("aux", "h", OutputSpec.auto(), 0.1));
        // a blank target means the experiment's target, like an absent one
        assertThat(new OutputNode("aux", "h", null, 1, "  ").target()).isNull();
    }

    @Test
    void eachHeadIsSizedAndActivatedForItsOwnTarget() {
        NetworkSpec spec = threeHeads();
        assertThat(NetworkValidator.problems(spec, SHAPE)).isEmpty();

        Map<String, Long> widths = new LinkedHashMap<>();
        NetworkGraph.of(spec, SHAPE).nodes().forEach(n -> widths.put(n.name(), n.width()));
        assertThat(widths).containsEntry("value", 1L).containsEntry("income", 1L).containsEntry("ocean", 5L);
        assertThat(ModelSummary.of(spec, SHAPE).totalParams()).isEqualTo((7 * 16 + 16) + (16 + 1) * 2 + (16 * 5 + 5));

        var conf = Dl4jTranslator.toGraphConfiguration(spec, SHAPE, new org.nd4j.linalg.learning.config.Adam(), 1);
        var ocean = (org.deeplearning4j.nn.conf.layers.OutputLayer)
                ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get("ocean")).getLayerConf().getLayer();
        assertThat(ocean.getNOut()).isEqualTo(5);
        assertThat(ocean.getActivationFn().toString()).containsIgnoringCase("softmax");
        var income = (org.deeplearning4j.nn.conf.layers.OutputLayer)
                ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get("income")).getLayerConf().getLayer();
        assertThat(income.getActivationFn().toString()).containsIgnoringCase("identity");
    }

    @Test
    void aColumnAnOutputPredictsIsNotAFeatureEvenWhenTheDataStillListsIt() {
        // the workbench's shape: prepared before the network was known, so income is still a feature
        List<String> withIncome = new java.util.ArrayList<>(COLUMNS);
        withIncome.add("median_income");
        NetworkShape workbench = new NetworkShape(8, 1, TaskType.REGRESSION, withIncome, "median_house_value", targets());
        NetworkSpec spec = new NetworkSpec(List.of(InputNode.allColumns("in")),
                List.of(DenseLayer.of(4, Activation.RELU).withName("h")), Map.of(), OutputSpec.auto(),
                List.of(new OutputNode("value", "h", null, 1), new OutputNode("income", "h", null, 1, "median_income")));

        assertThat(NetworkGraph.of(spec, workbench).inputs().get(0).width()).isEqualTo(7);
        assertThat(NetworkValidator.problems(spec, workbench)).isEmpty();
    }

    @Test
    void anInputTakingAColumnAnOutputPredictsIsATargetLeak() {
        NetworkSpec spec = threeHeads().withInputs(List.of(new InputNode("in", List.of("longitude", "median_income"))));

        assertThat(NetworkValidator.problems(spec, SHAPE)).contains("input 'in' takes column 'median_income', which is"
                + " what output 'income' predicts: a target cannot also be a feature (that leaks the answer into the"
                + " inputs); remove it from the input");
    }

    @Test
    void anInputTakingTheExperimentsTargetIsATargetLeakToo() {
        NetworkSpec spec = threeHeads().withInputs(List.of(new InputNode("in", List.of("longitude", "median_house_value"))));

        assertThat(NetworkValidator.problems(spec, SHAPE)).anyMatch(p -> p.startsWith("input 'in' takes column"
                + " 'median_house_value', which is the experiment's target: a target cannot also be a feature"));
    }

    @Test
    void anUnknownTargetColumnIsReported() {
        NetworkSpec spec = withOutputs(threeHeads(), new OutputNode("value", "hidden", null, 1),
                new OutputNode("income", "hidden", null, 1, "median_incme"));

        assertThat(NetworkValidator.problems(spec, SHAPE)).containsExactly("output 'income': its target column"
                + " 'median_incme' is not a column of the data that can be predicted (check the name; a target needs"
                + " values, and values that vary)");
    }

    @Test
    void theFirstOutputPredictsTheExperimentsTarget() {
        NetworkSpec spec = withOutputs(threeHeads(), new OutputNode("income", "hidden", null, 1, "median_income"),
                new OutputNode("value", "hidden", null, 1));

        assertThat(NetworkValidator.problems(spec, SHAPE)).containsExactly("output 'income': the first output is the"
                + " main one and predicts the experiment's target 'median_house_value', not 'median_income': leave its"
                + " target empty, or put an output that predicts the experiment's target first");
        // naming the experiment's target explicitly is the same as leaving it empty
        NetworkSpec explicit = withOutputs(threeHeads(), new OutputNode("value", "hidden", null, 1, "median_house_value"));
        assertThat(NetworkValidator.problems(explicit, SHAPE)).isEmpty();
    }

    @Test
    void outputSettingsAreCheckedAgainstTheirOwnTargetsTask() {
        NetworkSpec spec = withOutputs(threeHeads(), new OutputNode("value", "hidden", null, 1),
                new OutputNode("ocean", "hidden", OutputSpec.auto().withLoss(Loss.BINARY_CROSSENTROPY), 1, "ocean_proximity"),
                new OutputNode("income", "hidden", OutputSpec.auto().withActivation(Activation.SOFTMAX), 1, "median_income"));

        assertThat(NetworkValidator.problems(spec, SHAPE)).containsExactlyInAnyOrder(
                "output 'ocean': binary_crossentropy needs exactly 1 output unit, but this task has 5: use categorical_crossentropy",
                "output 'income': softmax output squashes predictions into (0, 1) and does not suit a regression task: use identity",
                "output 'income': softmax over a single unit always outputs 1: use sigmoid");
    }

    @Test
    void labelBlocksFollowTheMainTargetInOrder() {
        assertThat(SHAPE.labelWidth()).isEqualTo(1 + 1 + 5);
        List<OutputNode> outputs = threeHeads().outputs();
        assertThat(outputs).extracting(SHAPE::labelOffset).containsExactly(0, 1, 2);
        assertThat(SHAPE.labelOffset(new OutputNode("x", null, null, 1, "nope"))).isEqualTo(-1);
    }
}
