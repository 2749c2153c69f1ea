/*
 * The cnnc language: one statement per line or per ';'.
 *
 * The grammar fixes the structure of a statement (its leading word, the sizes
 * a layer needs, then a list of modifiers). Which modifier words a layer takes
 * is decided in cnnc.parse.AstBuilder, so that a misspelt word gets "did you
 * mean" rather than a token list.
 *
 * Numbers a layer needs may be expressions of block parameters: full
 * expressions where a count stands before '@' or after dense, and for split's
 * sizes, a primary (number, name, in.c, or a parenthesised expression)
 * elsewhere, so that "conv 64@3 /2" stays a stride and never becomes a division.
 */
grammar Cnn;

// The parse tree's nodes: ANTLR's, read and built with fewer objects (cnnc.grammar.LeanContext says how).
options { contextSuperClass = LeanContext; }

// After separators, an item is optional: a stray token where a statement would start is then
// reported and skipped by itself, and the statements after it are still read and checked.
// Separators are ';' or a new line, written out (here, in statements and in branch) rather than a
// rule, as the items are: each rule is a node of the parse tree, one per statement and per line.
description
    : (SEMI | NEWLINE)* ((blockDefinition | statement) ((SEMI | NEWLINE) (blockDefinition | statement)?)*)? EOF
    ;

// A block gives back its last tensor, or the tensors it declares after '->', each named inside with 'as'.
blockDefinition
    : BLOCK blockName=WORD LPAREN (parameter (COMMA parameter)*)? RPAREN blockOutputs? LBRACE statements RBRACE
    ;

blockOutputs
    : RARROW LPAREN WORD (COMMA WORD)* RPAREN
    ;

parameter
    : WORD (EQUALS argumentValue)?
    ;

statements
    : (SEMI | NEWLINE)* (statement ((SEMI | NEWLINE) statement?)*)?
    ;

// A layer (or call or merge), then optionally: repeated, named, its shape asserted. An assertion where a
// statement starts (conv 16@3; => 26x26x16) is read as one, for the builder to say where it goes, and the
// statements after it are still read.
statement
    : layer repeat? (AS (alias=WORD | outputNames))? assertion?
    ;

// The outputs of a block that declares several, named in order: module(a, b) as (a, b).
outputNames
    : LPAREN WORD (COMMA WORD)* RPAREN
    ;

repeat
    : REPEAT
    | XPAREN expr RPAREN
    ;

assertion
    : ARROW shape=assertedShape
    ;

// An input's sizes may be variables: input HxWx3 lexes as one word, and 224xWx3 as 224 then the word
// xWx3 (the tail), which the builder splits at the x's.
layer
    : MODEL name                                                   # modelStatement
    | INPUT shape=size tail=WORD?                                  # inputStatement
    | DEFAULTS modifier*                                           # defaultsStatement
    | op=(CONV | SEPCONV | DECONV) filters=expr AT kernel=size modifier*  # convStatement
    | DWCONV kernel=size modifier*                                 # depthwiseStatement
    | op=(MAXPOOL | AVGPOOL) window=size modifier*                 # poolStatement
    | DENSE units=expr modifier*                                   # denseStatement
    | DROPOUT (rate=number | param=WORD)                           # dropoutStatement
    | RESCALE scale=ratio (WORD offset=signedScalar)?              # rescaleStatement
    | UPSAMPLE factor=size modifier*                               # upsampleStatement
    | op=(ZEROPAD | CROP) size+                                    # borderStatement
    | RESHAPE shape=size                                           # reshapeStatement
    | NORMALIZE (WORD signedNumber*)*                              # normalizeStatement
    | SPLIT sizes+=expr (COMMA sizes+=expr)* (WORD part=primary)?  # splitStatement
    | SHUFFLE groups=primary                                       # shuffleStatement
    | op=(ADD | CONCAT | MULTIPLY | MATMUL | SELECT) LBRACE branch (BAR branch)* RBRACE
      (NEWLINE* BY LBRACE by=statements RBRACE)?                   # mergeStatement
    | op=(ADD | CONCAT | MULTIPLY) FOR (index=WORD COMMA)? variable=WORD IN values=list LBRACE statements RBRACE  # eachMergeStatement
    | WORD LPAREN (argument (COMMA argument)*)? RPAREN modifier*   # callStatement
    | LBRACE statements RBRACE                                     # groupStatement
    | FROM source=WORD                                             # fromStatement
    | WORD modifier* rest?                                         # wordStatement
    | ARROW shape=size                                             # strayAssertion
    ;

branch
    : (SEMI | NEWLINE)* (FROM source=WORD (SEMI | NEWLINE)*)? (statement ((SEMI | NEWLINE) statement?)*)?
    ;

argument
    : (WORD EQUALS)? argumentValue
    ;

// A block's argument or default: a whole number (an expression), a decimal (maybe negative: an
// offset), or (a bare name) an output.
argumentValue
    : expr
    | MINUS (DECIMAL | INT)
    | items
    ;

// [3, 5, 7]: a block's argument or default that is a list, or the values a merge's branches are made for.
items
    : LBRACK expr (COMMA expr)* RBRACK
    ;

list
    : items
    | WORD
    ;

// Whatever follows a word that is not a modifier is kept, so that the builder
// can say "unknown layer, did you mean" instead of a syntax error. It never starts
// with '(': "word (" is a call, and without that, telling a call from a word with
// a rest took SLL prediction the whole argument list to see (a third of a cold
// parse of ResNet50). It is optional where it is used rather than able to match
// nothing, so that a bare word (bn, relu) has no empty node for it.
rest
    : ~(SEMI | NEWLINE | RBRACE | BAR | REPEAT | XPAREN | AS | ARROW | LPAREN)
      (~(SEMI | NEWLINE | RBRACE | BAR | REPEAT | XPAREN | AS | ARROW))*
    ;

modifier
    : SLASH stride=size                                            # strideModifier
    | PAD (amount=size | fraction=DECIMAL)?                        # padModifier
    | op=(DIL | GROUPS | MULT) (value=primary | fraction=DECIMAL)? # valuedModifier
    | key=WORD EQUALS (primary | DECIMAL)?                         # keywordModifier
    | WORD value=number?                                           # wordModifier
    ;

// 3x3 is one token; a size made of parameters is written with spaces: h x w, 1 x 1 x c. (One primary
// and its "x primary" repeats, rather than a primary alone or with them: ANTLR then tells them apart
// by the next token, where the two alternatives took SLL prediction in a cold run.)
size
    : DIMS
    | primary (X primary)*
    ;

// An asserted shape: 56x56x256, or a size per axis with spaces around the x's, each an expression, which
// at the top level may be a formula of the input's size variables (=> floor(H/2) x W/2 x 8).
assertedShape
    : DIMS
    | expr (X expr)*
    ;

expr
    : left=expr op=(STAR | SLASH | PERCENT) right=expr             # multiplicative
    | left=expr op=(PLUS | MINUS) right=expr                       # additive
    | primary                                                      # single
    | DECIMAL                                                      # decimalLiteral
    ;

primary
    : INT                                                          # literal
    | WORD LPAREN expr (COMMA expr)* RPAREN                         # function
    | WORD                                                         # reference
    | INDIM                                                        # inputDimension
    | LPAREN expr RPAREN                                           # parenthesised
    ;

number
    : INT
    | DECIMAL
    ;

// rescale 1/255; rescale 1/127.5 offset -1
ratio
    : scalar (SLASH scalar)?
    ;

// A decimal or, in a block, a parameter that holds one.
scalar
    : number
    | WORD
    ;

signedScalar
    : MINUS? number
    | WORD
    ;

signedNumber
    : MINUS? number
    ;

name
    : WORD
    | STRING
    | keyword
    ;

keyword
    : MODEL | DEFAULTS | INPUT | CONV | SEPCONV | DECONV | DWCONV | MAXPOOL | AVGPOOL | DENSE | DROPOUT | RESCALE | UPSAMPLE
    | ZEROPAD | CROP | RESHAPE | NORMALIZE | SPLIT | SHUFFLE | ADD | CONCAT | MULTIPLY | MATMUL | SELECT | BY | BLOCK | FROM | AS | PAD | DIL | GROUPS | MULT
    | FOR | IN
    ;

MODEL    : 'model' ;
INPUT    : 'input' ;
DEFAULTS : 'defaults' ;
CONV     : 'conv' ;
SEPCONV  : 'sepconv' ;
DECONV   : 'deconv' ;
DWCONV   : 'dwconv' ;
MAXPOOL  : 'maxpool' ;
AVGPOOL  : 'avgpool' ;
DENSE    : 'dense' ;
DROPOUT  : 'dropout' ;
RESCALE  : 'rescale' ;
UPSAMPLE : 'upsample' ;
ZEROPAD  : 'zeropad' ;
CROP     : 'crop' ;
RESHAPE  : 'reshape' ;
NORMALIZE: 'normalize' ;
SPLIT    : 'split' ;
SHUFFLE  : 'shuffle' ;
ADD      : 'add' ;
CONCAT   : 'concat' ;
MULTIPLY : 'multiply' ;
MATMUL   : 'matmul' ;
SELECT   : 'select' ;
BY       : 'by' ;
BLOCK    : 'block' ;
FROM     : 'from' ;
AS       : 'as' ;
PAD      : 'pad' ;
DIL      : 'dil' ;
GROUPS   : 'groups' ;
MULT     : 'mult' ;
FOR      : 'for' ;
IN       : 'in' ;

SEMI    : ';' ;
AT      : '@' ;
SLASH   : '/' ;
STAR    : '*' ;
PLUS    : '+' ;
MINUS   : '-' ;
PERCENT : '%' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
LBRACE  : '{' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
RBRACE  : '}' ;
COMMA   : ',' ;
BAR     : '|' ;
ARROW   : '=>' ;
RARROW  : '->' ;
EQUALS  : '=' ;

DIMS    : DIGITS ('x' DIGITS)+ ;
DECIMAL : DIGITS '.' DIGITS? | '.' DIGITS ;
INT     : DIGITS ;
REPEAT  : 'x' DIGITS ;
XPAREN  : 'x(' ;
X       : 'x' ;
INDIM   : 'in.' [hwc] ;
WORD    : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;

NEWLINE : '\r'? '\n' | '\r' ;
// Comments are kept on a channel of their own, which the parser never reads, for cnnc fmt.
COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
SPACE   : [ \t\f\uFEFF]+ -> skip ;

// Anything else becomes a token of its own, so the parser reports it at its
// place with the statement around it instead of the lexer dropping it.
UNEXPECTED_CHAR : . ;

fragment DIGITS : [0-9]+ ;
