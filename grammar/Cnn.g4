/*
 * The cnnc language: one statement per line or per ';'.
 *
 * The grammar fixes only the structure of a statement (its leading word, the
 * numbers and sizes a layer needs, then a list of modifiers). Which modifier
 * words a layer accepts is decided in cnnc.parse.AstBuilder, so that a
 * misspelt word gets "did you mean" rather than a token list.
 */
grammar Cnn;

description
    : separator* (statement (separator+ statement)*)? separator* EOF
    ;

separator
    : SEMI
    | NEWLINE
    ;

statement
    : MODEL name                                         # modelStatement
    | INPUT shape=size                                   # inputStatement
    | CONV filters=INT AT kernel=size modifier*          # convStatement
    | op=(MAXPOOL | AVGPOOL) window=size modifier*       # poolStatement
    | DENSE units=INT modifier*                          # denseStatement
    | DROPOUT rate=number                                # dropoutStatement
    | WORD rest                                          # wordStatement
    ;

// A bare word takes no arguments, but whatever follows it is kept so that the
// builder can say "unknown layer, did you mean" instead of a syntax error.
rest
    : (~(SEMI | NEWLINE))*
    ;

modifier
    : SLASH stride=size                                  # strideModifier
    | WORD value=number?                                 # wordModifier
    ;

size
    : INT
    | DIMS
    ;

number
    : INT
    | DECIMAL
    ;

name
    : WORD
    | STRING
    | keyword
    ;

keyword
    : MODEL | INPUT | CONV | MAXPOOL | AVGPOOL | DENSE | DROPOUT
    ;

MODEL   : 'model' ;
INPUT   : 'input' ;
CONV    : 'conv' ;
MAXPOOL : 'maxpool' ;
AVGPOOL : 'avgpool' ;
DENSE   : 'dense' ;
DROPOUT : 'dropout' ;

SEMI  : ';' ;
AT    : '@' ;
SLASH : '/' ;

DIMS    : DIGITS ('x' DIGITS)+ ;
DECIMAL : DIGITS '.' DIGITS? | '.' DIGITS ;
INT     : DIGITS ;
WORD    : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;

NEWLINE : '\r'? '\n' | '\r' ;
COMMENT : '#' ~[\r\n]* -> skip ;
SPACE   : [ \t\f\uFEFF]+ -> skip ;

// Anything else becomes a token of its own, so the parser reports it at its
// place with the statement around it instead of the lexer dropping it.
UNEXPECTED_CHAR : . ;

fragment DIGITS : [0-9]+ ;
