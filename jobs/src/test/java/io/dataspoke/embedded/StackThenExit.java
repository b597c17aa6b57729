package io.dataspoke.embedded;

import java.net.URI;
import java.nio.file.Path;

/**
 * Starts a stack and exits the JVM without closing it, as Ctrl-C on the demo does; {@link
 * EmbeddedStackITCase} runs it in a child JVM to check that the shutdown hooks clean up.
 */
public final class StackThenExit {

    private StackThenExit() {}

    public static void main(String[] args) throws Exception {
        EmbeddedStack stack =
                EmbeddedStack.start(
                        EmbeddedStack.Options.defaults()
                                .withWorkDir(Path.of(args[0]))
                                .withWebPort(0));
        System.out.printf(
                "READY %d %d %d%n",
                stack.kafka().port(),
                stack.postgres().port(),
                URI.create(stack.flink().webUrl()).getPort());
        System.out.flush();
        System.exit(0);
    }
}
