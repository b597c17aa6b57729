package io.dataspoke.anomaly.nab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataspoke.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A NAB application profile: the cost matrix that weighs a detected window, a missed one and a
 * false positive. NAB's {@code tnWeight} is read by nobody and left out.
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

    public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);
    public static final NabProfile REWARD_LOW_FP_RATE =
            new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
    public static final NabProfile REWARD_LOW_FN_RATE =
            new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The three profiles of NAB v1.1's {@code config/profiles.json}, in that file's order. */
    public static List<NabProfile> defaults() {
        return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
    }

    /** The profiles of a file shaped like NAB's {@code config/profiles.json}, in file order. */
    public static List<NabProfile> read(Path profilesFile) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(profilesFile.toFile());
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(profilesFile, line, "", e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new ConfigException(profilesFile, 0, "", "expected an object of profiles");
        }
        List<NabProfile> profiles = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode costs = entry.getValue().path("CostMatrix");
            String key = entry.getKey() + ".CostMatrix";
            profiles.add(
                    new NabProfile(
                            entry.getKey(),
                            weight(profilesFile, key, costs, "tpWeight"),
                            weight(profilesFile, key, costs, "fpWeight"),
                            weight(profilesFile, key, costs, "fnWeight")));
        }
        return profiles;
    }

    private static double weight(Path file, String key, JsonNode costs, String name) {
        JsonNode weight = costs.path(name);
        if (!weight.isNumber()) {
            throw new ConfigException(
                    file, 0, key + "." + name, "expected a number, got " + weight);
        }
        return weight.asDouble();
    }
}
