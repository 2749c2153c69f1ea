package cnnc.editor;

import cnnc.ast.Asserted;
import cnnc.ast.BlockDef;
import cnnc.ast.Call;
import cnnc.ast.Description;
import cnnc.ast.Group;
import cnnc.ast.Identity;
import cnnc.ast.Input;
import cnnc.ast.Invalid;
import cnnc.ast.Layer;
import cnnc.ast.Merge;
import cnnc.ast.ModelName;
import cnnc.ast.Named;
import cnnc.ast.NamedOutputs;
import cnnc.ast.Repeat;
import cnnc.ast.Statement;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Every statement of a description, nested ones included, each with the block it is written in. */
public final class Syntax {
    /** A statement and the block whose body holds it (null at the top level). */
    public record Found(Statement statement, BlockDef block) {
    }

    /** A {@code from NAME} (a merge branch's or a statement) and the block whose body holds it (null at the top level). */
    public record From(String name, Span nameSpan, BlockDef block) {
    }

    private final List<Found> statements = new ArrayList<>();
    private final List<From> froms = new ArrayList<>();

    private Syntax() {
    }

    public static Syntax of(Description description) {
        Syntax syntax = new Syntax();
        description.statements().forEach(s -> syntax.walk(s, null));
        for (BlockDef block : description.blocks()) {
            block.body().forEach(s -> syntax.walk(s, block));
        }
        return syntax;
    }

    public List<Found> statements() {
        return statements;
    }

    public List<From> froms() {
        return froms;
    }

    private void walk(Statement statement, BlockDef block) {
        statements.add(new Found(statement, block));
        statement.accept(new Statement.Visitor<Void>() {
            public Void visitModelName(ModelName model) {
                return null;
            }

            public Void visitInput(Input input) {
                return null;
            }

            public Void visitDefaults(cnnc.ast.Defaults defaults) {
                return null;
            }

            public Void visitLayer(Layer layer) {
                return null;
            }

            public Void visitCall(Call call) {
                return null;
            }

            public Void visitMerge(Merge merge) {
                for (Merge.Branch branch : merge.branches()) {
                    if (branch.from() != null && branch.fromSpan() != null) {
                        froms.add(new From(branch.from(), branch.fromSpan(), block));
                    }
                    branch.statements().forEach(s -> walk(s, block));
                }
                merge.by().forEach(s -> walk(s, block));
                return null;
            }

            public Void visitGroup(Group group) {
                group.statements().forEach(s -> walk(s, block));
                return null;
            }

            public Void visitRepeat(Repeat repeat) {
                walk(repeat.statement(), block);
                return null;
            }

            public Void visitNamed(Named named) {
                walk(named.statement(), block);
                return null;
            }

            public Void visitAsserted(Asserted asserted) {
                walk(asserted.statement(), block);
                return null;
            }

            public Void visitIdentity(Identity identity) {
                return null;
            }

            public Void visitInvalid(Invalid invalid) {
                return null;
            }

            public Void visitFrom(cnnc.ast.From from) {
                froms.add(new From(from.name(), from.nameSpan(), block));
                return null;
            }

            public Void visitNamedOutputs(NamedOutputs named) {
                walk(named.statement(), block);
                return null;
            }
        });
    }
}
