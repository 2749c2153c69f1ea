package cnnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.testing.DebianPackages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One end-to-end run with a real editor's client: Debian's Neovim (0.7, installed with apt-get when
 * missing), headless, its built-in LSP client started on {@code cnnc lsp}. A Lua script opens a file
 * with a mistake, waits for the diagnostics, asks for a hover and for the inlay hints (0.7 has no
 * display for them, but its client sends any request), and writes what came back to a file read here.
 */
class NeovimLspTest {
    private static final Path NVIM = Path.of("/usr/bin/nvim");

    @Test
    void neovimShowsTheServersErrorAndHover() throws Exception {
        DebianPackages.ensure(NVIM, "neovim", "the editor test");
        Path folder = Files.createDirectories(Path.of("target", "lsp", "neovim").toAbsolutePath());
        String text = "input 100x100x1; conv 60@7x7 valid\nconv 100@500 valid\ndense 10 softmax\n";
        Path model = folder.resolve("wrong.cnn");
        Files.writeString(model, text, StandardCharsets.UTF_8);
        Path results = folder.resolve("results.txt");
        Files.deleteIfExists(results);
        Path script = folder.resolve("client.lua");
        Files.writeString(script, script(model, results, 0, text.indexOf("conv") + 1), StandardCharsets.UTF_8);

        ProcessBuilder builder = new ProcessBuilder(NVIM.toString(), "--headless", "-u", "NONE", "-i", "NONE",
                "-c", "luafile " + script).redirectErrorStream(true).redirectOutput(folder.resolve("nvim.out").toFile());
        for (String xdg : List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")) {
            builder.environment().put(xdg, folder.resolve("xdg").toString());
        }
        Process nvim = builder.start();
        if (!nvim.waitFor(180, TimeUnit.SECONDS)) {
            nvim.destroyForcibly();
            throw new AssertionError("nvim did not finish in 180 s; " + results + " holds what it wrote");
        }
        List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
        String all = String.join("\n", lines);
        assertTrue(lines.contains("waited\ttrue"), all);
        List<String> diagnostics = lines.stream().filter(l -> l.startsWith("diagnostic\t")).toList();
        assertEquals(1, diagnostics.size(), all);
        String[] error = diagnostics.get(0).split("\t");
        // line 2, column 1 as a person counts them; Neovim's are 0-based. Severity 1 is ERROR.
        assertEquals(List.of("1", "0", "1", "E0400"), List.of(error[1], error[2], error[3], error[4]), all);
        // 7x7 valid on 100: 94; then a 500 window on 94: (94 - 500)/1 + 1 = -405
        assertTrue(error[5].contains("(94 - 500)/1 + 1 = -405"), all);
        String hover = lines.stream().filter(l -> l.startsWith("hover\t")).collect(Collectors.joining("\n"));
        // 7 x 7 x 1 x 60 weights + 60 biases = 3,000
        assertTrue(hover.contains("100x100x1 -> 94x94x60; 3,000 parameters"), all);
        assertTrue(lines.contains("hint\t0\t=> 94x94x60"), all);
    }

    private static String script(Path model, Path results, int line, int character) {
        String command = LspProcess.command().stream().map(NeovimLspTest::lua).collect(Collectors.joining(", "));
        return """
                local results = io.open(%s, 'w')
                local function main()
                  vim.cmd('edit ' .. vim.fn.fnameescape(%s))
                  local id = vim.lsp.start_client({ name = 'cnnc', cmd = { %s }, root_dir = %s })
                  assert(id, 'start_client failed')
                  vim.lsp.buf_attach_client(0, id)
                  local got = vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 50)
                  results:write('waited\\t' .. tostring(got) .. '\\n')
                  for _, d in ipairs(vim.diagnostic.get(0)) do
                    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
                    results:write(table.concat({ 'diagnostic', d.lnum, d.col, d.severity, code,
                      (d.message:gsub('\\n', ' | ')) }, '\\t') .. '\\n')
                  end
                  local document = { uri = vim.uri_from_bufnr(0) }
                  local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover',
                    { textDocument = document, position = { line = %d, character = %d } }, 60000)
                  for _, answer in pairs(hover or {}) do
                    if answer.result then
                      results:write('hover\\t' .. (answer.result.contents.value:gsub('\\n', ' | ')) .. '\\n')
                    end
                  end
                  local hints = vim.lsp.buf_request_sync(0, 'textDocument/inlayHint', { textDocument = document,
                    range = { start = { line = 0, character = 0 }, ['end'] = { line = 100, character = 0 } } }, 60000)
                  for _, answer in pairs(hints or {}) do
                    for _, hint in ipairs(answer.result or {}) do
                      results:write('hint\\t' .. hint.position.line .. '\\t' .. hint.label .. '\\n')
                    end
                  end
                end
                local ok, failure = pcall(main)
                if not ok then results:write('failed\\t' .. tostring(failure) .. '\\n') end
                results:close()
                vim.cmd('qa!')
                """.formatted(lua(results.toString()), lua(model.toString()), command, lua(model.getParent().toString()),
                line, character);
    }

    /** A Lua long-bracket string: no escapes inside, whatever the path or class path holds. */
    private static String lua(String text) {
        return "[==[" + text + "]==]";
    }
}
