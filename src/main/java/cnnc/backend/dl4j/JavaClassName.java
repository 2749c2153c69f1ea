package cnnc.backend.dl4j;

/** Where the generated class goes: its package ("" for none) and its simple name. */
public record JavaClassName(String packageName, String simpleName) {

    public String qualified() {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }
}
