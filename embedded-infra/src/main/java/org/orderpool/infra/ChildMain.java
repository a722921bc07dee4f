package org.orderpool.infra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs another main class in a child JVM that ends when the JVM that started it is gone: a test
 * JVM killed by a timeout, or a run stopped with SIGKILL, must not leave brokers or services behind
 * on a machine others share. Usage: {@code ChildMain <parent pid> <main class> [args...]}.
 *
 * <p>A child that is stopped (SIGSTOP) is not watching either; it ends when continued.
 */
public final class ChildMain {

    private ChildMain() {
    }

    /** The arguments that run {@code mainClass} under this guard, watched by the current JVM. */
    public static String[] command(final String mainClass) {
        return new String[] {ChildMain.class.getName(), Long.toString(ProcessHandle.current().pid()), mainClass};
    }

    public static void main(final String[] args) throws Throwable {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ChildMain <parent pid> <main class> [args...]");
        }
        final long parentPid = Long.parseLong(args[0]);
        final Thread watch = new Thread(() -> {
            while (ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false)) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            System.err.println("ChildMain: parent process " + parentPid + " is gone, halting");
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
        final Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (final InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
