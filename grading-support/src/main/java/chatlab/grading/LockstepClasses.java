package chatlab.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Loads a program's own classes (one package) a second time, each with a {@link Lockstep#step()}
 * after every call it makes into {@code java.util} (collections, locks, atomics) or into its own
 * package, and after every synchronized block it leaves: the places where a thread may look at
 * shared state and act on it later. Every other class comes from the parent loader, so the program
 * shares the graders' {@code Lockstep}, and a program started from here talks to them over sockets.
 */
public final class LockstepClasses extends ClassLoader {
    private static final String STEP_OWNER = Lockstep.class.getName().replace('.', '/');

    private final String packagePrefix;
    private final String internalPrefix;

    /** @param packageName the program's package, for instance {@code chatlab.step4} */
    public LockstepClasses(ClassLoader parent, String packageName) {
        super("lockstep " + packageName, parent);
        this.packagePrefix = packageName + ".";
        this.internalPrefix = packageName.replace('.', '/') + "/";
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix) || name.indexOf('.', packagePrefix.length()) >= 0) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] original = bytesOf(name);
                if (original == null) {
                    return super.loadClass(name, resolve);
                }
                byte[] instrumented = instrument(original);
                loaded = defineClass(name, instrumented, 0, instrumented.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] bytesOf(String name) {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class " + name, e);
        }
    }

    private byte[] instrument(byte[] original) {
        ClassReader reader = new ClassReader(original);
        // No new branch and nothing pushed: the stack map frames and the maximum stack stay valid.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new StepAfterCalls(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private final class StepAfterCalls extends MethodVisitor {
        StepAfterCalls(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (owner.startsWith("java/util/") || owner.startsWith(internalPrefix)) {
                step();
            }
        }

        @Override
        public void visitInsn(int opcode) {
            super.visitInsn(opcode);
            if (opcode == Opcodes.MONITOREXIT) {
                step();
            }
        }

        private void step() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STEP_OWNER, "step", "()V", false);
        }
    }
}
